package steward.compat.xmlrpc;

/**
 * A value already encoded as one XML-RPC {@code <value>…</value>\n} element, which
 * {@link XmlRpcWriter} copies verbatim: lets a caller reuse the bytes of an unchanged answer.
 */
public record RawXml(byte[] bytes) {
}
