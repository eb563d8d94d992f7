package steward.compat.xmlrpc;

/** A document that is not acceptable XML-RPC (malformed, a DTD, too deep, an unknown type). */
public final class XmlRpcException extends Exception {
    public XmlRpcException(String message) {
        super(message);
    }

    public XmlRpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
