package steward.compat.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class XmlRpcCodecTest {
    private final XmlRpcReader reader = new XmlRpcReader();

    static byte[] resource(String name) throws IOException {
        try (InputStream in = XmlRpcCodecTest.class.getResourceAsStream("/" + name)) {
            return in.readAllBytes();
        }
    }

    /** Bytes captured from supervisord 4.2.5: decoding then encoding must give them back exactly. */
    @ParameterizedTest
    @ValueSource(strings = {"supervisord-supervisor.getAllProcessInfo.xml", "supervisord-supervisor.getAllConfigInfo.xml",
        "supervisord-system.multicall.xml", "supervisord-supervisor.getProcessInfo.xml", "python-response.xml"})
    void reEncodesSupervisordResponsesByteForByte(String fixture) throws Exception {
        byte[] real = resource(fixture);
        MethodResponse decoded = reader.readResponse(real);
        assertEquals(new String(real, StandardCharsets.UTF_8),
                new String(XmlRpcWriter.response(decoded.value()), StandardCharsets.UTF_8));
    }

    @Test
    void faultMatchesSupervisordBytes() throws Exception {
        byte[] real = resource("supervisord-supervisor.startProcess.xml");
        assertArrayEquals(real, XmlRpcWriter.fault(10, "BAD_NAME: nosuch"));
        MethodResponse decoded = reader.readResponse(real);
        assertTrue(decoded.isFault());
        assertEquals(10, decoded.faultCode());
        assertEquals("BAD_NAME: nosuch", decoded.faultString());
    }

    @Test
    void callMatchesPythonClientBytes() throws Exception {
        byte[] real = resource("python-call.xml");
        assertArrayEquals(real, XmlRpcWriter.call("supervisor.startProcess", List.of("grp:a", true, 5)));
        MethodCall call = reader.readCall(real);
        assertEquals(new MethodCall("supervisor.startProcess", List.of("grp:a", true, 5)), call);
    }

    @Test
    void readsAllTypesAndIsTolerantLikeSupervisor() throws Exception {
        String xml = "<?xml version='1.0'?><methodCall><methodName> x.y </methodName><params>"
                + "<param><value>untyped &amp; plain</value></param>"
                + "<param><value><i4>-3</i4></value></param>"
                + "<param><value><double>2.5</double></value></param>"
                + "<param><value><base64>aGk=</base64></value></param>"
                + "<param><value><array><data><value><boolean>0</boolean></value></data></array></value></param>"
                + "<param><value><struct><member><name>k</name><value><string/></value></member></struct></value></param>"
                + "</params></methodCall>";
        MethodCall call = reader.readCall(xml.getBytes(StandardCharsets.UTF_8));
        assertEquals("x.y", call.name());
        assertEquals("untyped & plain", call.params().get(0));
        assertEquals(-3, call.params().get(1));
        assertEquals(2.5, call.params().get(2));
        assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8), (byte[]) call.params().get(3));
        assertEquals(List.of(false), call.params().get(4));
        assertEquals(Map.of("k", ""), call.params().get(5));

        MethodCall noParams = reader.readCall("<methodCall><methodName>a.b</methodName></methodCall>".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), noParams.params());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "<methodCall><methodName>a.b</methodName>",
        "<methodCall><params/></methodCall>",
        "<methodCall><methodName>a.b</methodName><params><param><value><nil/></value></param></params></methodCall>",
        "<methodCall><methodName>a.b</methodName><params><param><value><int>x</int></value></param></params></methodCall>",
        "<?xml version='1.0'?><!DOCTYPE methodCall [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
            + "<methodCall><methodName>&xxe;</methodName></methodCall>",
        "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;'>"
            + "<!ENTITY lol3 '&lol2;&lol2;&lol2;&lol2;&lol2;'>]><methodCall><methodName>&lol3;</methodName></methodCall>",
        "<methodCall><methodName>a.b</methodName><params><param><value>&undeclared;</value></param></params></methodCall>",
    })
    void refusesMalformedAndHostileDocuments(String xml) {
        assertThrows(XmlRpcException.class, () -> reader.readCall(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesDeepNesting() {
        String open = "<value><array><data>".repeat(XmlRpcReader.MAX_DEPTH + 2);
        String close = "</data></array></value>".repeat(XmlRpcReader.MAX_DEPTH + 2);
        String xml = "<methodCall><methodName>a.b</methodName><params><param>" + open + close + "</param></params></methodCall>";
        assertThrows(XmlRpcException.class, () -> reader.readCall(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void longsAreCappedAndControlCharactersReplaced() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("big", 1L << 40);
        m.put("text", "a\u0001b\r\n\u00e9\uD83D\uDE00");
        MethodResponse back = reader.readResponse(XmlRpcWriter.response(m));
        assertEquals(Integer.MAX_VALUE, ((Map<?, ?>) back.value()).get("big"));
        assertEquals("a\uFFFDb\n\u00e9\uD83D\uDE00", ((Map<?, ?>) back.value()).get("text"));
    }

    @Test
    void doublesFollowPythonRepr() {
        assertEquals("0.0001", XmlRpcWriter.pythonRepr(0.0001));
        assertEquals("1e-05", XmlRpcWriter.pythonRepr(0.00001));
        assertEquals("1000000000000000.0", XmlRpcWriter.pythonRepr(1e15));
        assertEquals("1e+16", XmlRpcWriter.pythonRepr(1e16));
        assertEquals("-2.5", XmlRpcWriter.pythonRepr(-2.5));
        assertEquals("1.5e-07", XmlRpcWriter.pythonRepr(1.5e-7));
    }

    /** Issue 15, defect 11: malformed bytes are the client's fault, and the JDK prints nothing on stderr. */
    @Test
    void malformedBytesAreAnErrorWithoutAFatalErrorLineOnStderr() throws Exception {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            byte[] badUtf8 = "<?xml version='1.0'?><methodCall><methodName>x\u00e9\u00e9</methodName></methodCall>"
                    .getBytes(StandardCharsets.ISO_8859_1);
            XmlRpcException e = assertThrows(XmlRpcException.class, () -> reader.readCall(badUtf8));
            assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
            assertThrows(XmlRpcException.class, () -> reader.readCall(new byte[] {'<', (byte) 0xC3, 0x28, '>'}));
        } finally {
            System.setErr(saved);
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        byte[] latin1 = "<?xml version='1.0' encoding='ISO-8859-1'?><methodCall><methodName>x\u00e9</methodName></methodCall>"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("x\u00e9", reader.readCall(latin1).name());
        byte[] bom = ("\uFEFF<?xml version='1.0'?><methodCall><methodName>\u00e9</methodName></methodCall>")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("\u00e9", reader.readCall(bom).name());
    }
}
