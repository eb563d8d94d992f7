require "rack"
require "greeting"
require "digest/sha1"

# A WebSocket through nginx, taken over with a Rack full hijack: the handshake (RFC 6455) and the
# frames are written by hand; each text message comes back prefixed with "ruby echo: " until the
# client sends a close frame. The loop runs in puma's request thread, so a graceful stop waits for it.
def websocket_echo(env)
  env["rack.hijack"].call
  io = env["rack.hijack_io"]
  accept = [Digest::SHA1.digest(env["HTTP_SEC_WEBSOCKET_KEY"] + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")].pack("m0")
  io.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" \
           "Sec-WebSocket-Accept: #{accept}\r\n\r\n")
  loop do
    head = io.read(2) or break
    opcode = head.getbyte(0) & 0x0f
    length = head.getbyte(1) & 0x7f
    length = io.read(2).unpack1("n") if length == 126
    length = io.read(8).unpack1("Q>") if length == 127
    mask = io.read(4).bytes
    payload = io.read(length).bytes.each_with_index.map { |b, i| b ^ mask[i % 4] }.pack("C*")
    if opcode == 8
      io.write([0x88, 0].pack("CC"))
      break
    end
    next unless opcode == 1
    reply = "ruby echo: ".b + payload
    header = reply.bytesize < 126 ? [0x81, reply.bytesize].pack("CC") : [0x81, 126, reply.bytesize].pack("CCn")
    io.write(header + reply)
  end
  io.close
  [200, {}, []]
end

run lambda { |env|
  if env["HTTP_UPGRADE"].to_s.downcase == "websocket" && env["rack.hijack"]
    websocket_echo(env)
  else
    [200, { "content-type" => "text/plain" }, ["Hello from ruby on Steward: #{Greeting.hello('www')} (RACK_ENV #{ENV['RACK_ENV']})\n"]]
  end
}
