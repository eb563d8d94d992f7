package steward.compat.rpc;

import java.util.List;
import steward.compat.api.Fault;
import steward.compat.api.RpcFault;

/** The decoded parameters of one call, with conversions that fault like supervisord does. */
public final class Params {
    private final List<Object> values;

    public Params(List<Object> values) {
        this.values = List.copyOf(values);
    }

    public int size() {
        return values.size();
    }

    public List<Object> values() {
        return values;
    }

    /** Faults with INCORRECT_PARAMETERS unless there are between {@code min} and {@code max} values. */
    public Params expect(int min, int max) throws RpcFault {
        if (values.size() < min || values.size() > max) {
            throw new RpcFault(Fault.INCORRECT_PARAMETERS);
        }
        return this;
    }

    public Object raw(int i) {
        return values.get(i);
    }

    /** A string (numbers are turned into their text, as Python's %s would). */
    public String string(int i) throws RpcFault {
        Object v = values.get(i);
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Integer || v instanceof Long) {
            return v.toString();
        }
        throw new RpcFault(Fault.INCORRECT_PARAMETERS);
    }

    /** An int; strings holding an integer are accepted as Python's int() does. */
    public int integer(int i) throws RpcFault {
        Object v = values.get(i);
        if (v instanceof Integer n) {
            return n;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw new RpcFault(Fault.INCORRECT_PARAMETERS);
            }
        }
        throw new RpcFault(Fault.INCORRECT_PARAMETERS);
    }

    /** Python truthiness of the value at {@code i}, or {@code dflt} when absent. */
    public boolean flag(int i, boolean dflt) {
        if (i >= values.size()) {
            return dflt;
        }
        Object v = values.get(i);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        return true;
    }
}
