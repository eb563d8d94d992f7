package steward.compat.api;

/** A resolved process address: its group and its process name. */
public record ProcessRef(String group, String name) {
    public String namespec() {
        return name.equals(group) ? name : group + ":" + name;
    }
}
