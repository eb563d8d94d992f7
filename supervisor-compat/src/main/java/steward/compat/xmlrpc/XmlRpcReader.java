package steward.compat.xmlrpc;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Decodes XML-RPC calls and responses with the JDK's StAX parser. DTDs and external entities are
 * refused outright; nesting and size are capped. Tolerant the way supervisord is: a missing
 * {@code <params>} means no parameters, and a {@code <value>} without a type tag is a string.
 */
public final class XmlRpcReader {
    /** Deepest value nesting accepted (arrays and structs inside each other). */
    static final int MAX_DEPTH = 32;
    /** Largest document accepted, in bytes. */
    public static final int MAX_BYTES = 1 << 20;

    private final XMLInputFactory factory;

    public XmlRpcReader() {
        factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    /** Decodes a {@code <methodCall>}. */
    public MethodCall readCall(byte[] body) throws XmlRpcException {
        return parse(body, MAX_BYTES, "methodCall", r -> {
            String name = null;
            List<Object> params = new ArrayList<>();
            while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "methodName": name = text(r).trim(); break;
                    case "params": params = readParams(r); break;
                    default: skip(r);
                }
            }
            if (name == null || name.isEmpty()) {
                throw new XmlRpcException("no methodName");
            }
            return new MethodCall(name, params);
        });
    }

    /** Decodes a {@code <methodResponse>}: a single value or a fault. */
    public MethodResponse readResponse(byte[] body) throws XmlRpcException {
        return readResponse(body, MAX_BYTES);
    }

    /** As {@link #readResponse(byte[])}, for documents up to {@code maxBytes}. */
    public MethodResponse readResponse(byte[] body, int maxBytes) throws XmlRpcException {
        return parse(body, maxBytes, "methodResponse", r -> {
            MethodResponse result = null;
            while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "params": {
                        List<Object> params = readParams(r);
                        if (params.size() != 1) {
                            throw new XmlRpcException("response must hold one value");
                        }
                        result = MethodResponse.ok(params.get(0));
                        break;
                    }
                    case "fault": {
                        result = readFault(r);
                        break;
                    }
                    default: skip(r);
                }
            }
            if (result == null) {
                throw new XmlRpcException("empty response");
            }
            return result;
        });
    }

    private interface Body<T> {
        T read(XMLStreamReader r) throws XMLStreamException, XmlRpcException;
    }

    private <T> T parse(byte[] body, int maxBytes, String root, Body<T> content) throws XmlRpcException {
        if (body.length > maxBytes) {
            throw new XmlRpcException("document of " + body.length + " bytes, over the limit of " + maxBytes);
        }
        XMLStreamReader r = null;
        try {
            r = factory.createXMLStreamReader(new java.io.StringReader(DocumentText.decode(body)));
            if (nextTag(r) != XMLStreamConstants.START_ELEMENT || !root.equals(r.getLocalName())) {
                throw new XmlRpcException("expected <" + root + ">");
            }
            T result = content.read(r);
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.START_ELEMENT) {
                    throw new XmlRpcException("content after the root element");
                }
            }
            return result;
        } catch (XMLStreamException | RuntimeException e) {
            throw new XmlRpcException("unparseable XML-RPC: " + e.getMessage(), e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing held
                }
            }
        }
    }

    private MethodResponse readFault(XMLStreamReader r) throws XMLStreamException, XmlRpcException {
        Object value = null;
        while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
            if ("value".equals(r.getLocalName())) {
                value = readValue(r, 0);
            } else {
                skip(r);
            }
        }
        if (value instanceof Map<?, ?> m && m.get("faultCode") instanceof Integer code) {
            return MethodResponse.fault(code, String.valueOf(m.get("faultString")));
        }
        throw new XmlRpcException("malformed fault");
    }

    private List<Object> readParams(XMLStreamReader r) throws XMLStreamException, XmlRpcException {
        List<Object> params = new ArrayList<>();
        while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
            if (!"param".equals(r.getLocalName())) {
                throw new XmlRpcException("unexpected <" + r.getLocalName() + "> in <params>");
            }
            Object value = null;
            while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
                if (!"value".equals(r.getLocalName()) || value != null) {
                    throw new XmlRpcException("a <param> holds one <value>");
                }
                value = readValue(r, 0);
            }
            if (value == null) {
                throw new XmlRpcException("empty <param>");
            }
            params.add(value);
        }
        return params;
    }

    /** Reads from a {@code <value>} start tag to its end tag. */
    private Object readValue(XMLStreamReader r, int depth) throws XMLStreamException, XmlRpcException {
        if (depth > MAX_DEPTH) {
            throw new XmlRpcException("values nested too deeply");
        }
        StringBuilder untyped = new StringBuilder();
        Object value = null;
        boolean typed = false;
        while (true) {
            int event = next(r);
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.SPACE
                    || event == XMLStreamConstants.CDATA) {
                if (!typed) {
                    untyped.append(r.getText());
                }
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                if (typed) {
                    throw new XmlRpcException("a <value> holds one typed element");
                }
                typed = true;
                value = readTyped(r, depth);
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                return typed ? value : untyped.toString();
            }
        }
    }

    private Object readTyped(XMLStreamReader r, int depth) throws XMLStreamException, XmlRpcException {
        String type = r.getLocalName();
        switch (type) {
            case "string": return text(r);
            case "int":
            case "i4": return Integer.valueOf(number(r));
            case "i8": return Long.valueOf(number(r));
            case "boolean": return "1".equals(text(r).trim());
            case "double": return Double.valueOf(number(r));
            case "dateTime.iso8601": return text(r).trim();
            case "base64": return Base64.getMimeDecoder().decode(text(r).trim());
            case "array": return readArray(r, depth);
            case "struct": return readStruct(r, depth);
            default: throw new XmlRpcException("unsupported type <" + type + ">");
        }
    }

    private static String number(XMLStreamReader r) throws XMLStreamException, XmlRpcException {
        String s = text(r).trim();
        if (s.startsWith("+")) {
            s = s.substring(1);
        }
        return s;
    }

    private List<Object> readArray(XMLStreamReader r, int depth) throws XMLStreamException, XmlRpcException {
        List<Object> items = new ArrayList<>();
        while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
            if (!"data".equals(r.getLocalName())) {
                throw new XmlRpcException("expected <data> in <array>");
            }
            while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
                if (!"value".equals(r.getLocalName())) {
                    throw new XmlRpcException("expected <value> in <data>");
                }
                items.add(readValue(r, depth + 1));
            }
        }
        return items;
    }

    private Map<String, Object> readStruct(XMLStreamReader r, int depth) throws XMLStreamException, XmlRpcException {
        Map<String, Object> members = new LinkedHashMap<>();
        while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
            if (!"member".equals(r.getLocalName())) {
                throw new XmlRpcException("expected <member> in <struct>");
            }
            String name = null;
            Object value = null;
            while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
                if ("name".equals(r.getLocalName())) {
                    name = text(r);
                } else if ("value".equals(r.getLocalName())) {
                    value = readValue(r, depth + 1);
                } else {
                    throw new XmlRpcException("unexpected <" + r.getLocalName() + "> in <member>");
                }
            }
            if (name == null || value == null) {
                throw new XmlRpcException("a <member> needs a <name> and a <value>");
            }
            members.put(name, value);
        }
        return members;
    }

    /** Text content of a simple element; refuses child elements. */
    private static String text(XMLStreamReader r) throws XMLStreamException, XmlRpcException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int event = next(r);
            if (event == XMLStreamConstants.END_ELEMENT) {
                return sb.toString();
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                throw new XmlRpcException("unexpected <" + r.getLocalName() + ">");
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                sb.append(r.getText());
            }
        }
    }

    /** Next start or end tag, skipping whitespace, comments and processing instructions. */
    private static int nextTag(XMLStreamReader r) throws XMLStreamException, XmlRpcException {
        while (true) {
            int event = next(r);
            if (event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.END_ELEMENT
                    || event == XMLStreamConstants.END_DOCUMENT) {
                return event;
            }
            if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && !r.isWhiteSpace()) {
                throw new XmlRpcException("unexpected text");
            }
        }
    }

    private static int next(XMLStreamReader r) throws XMLStreamException, XmlRpcException {
        if (!r.hasNext()) {
            throw new XmlRpcException("truncated document");
        }
        int event = r.next();
        if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE
                || event == XMLStreamConstants.ENTITY_DECLARATION) {
            throw new XmlRpcException("DTDs and entities are not accepted");
        }
        return event;
    }

    private static void skip(XMLStreamReader r) throws XMLStreamException, XmlRpcException {
        int depth = 1;
        while (depth > 0) {
            int event = next(r);
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }
}
