// A WebSocket chat room on port 8080 (PORT_WWW): every message is broadcast to every client;
// "ping" is answered "pong" to the sender only. The server pings clients every 20 s, below the
// 30 s idle timeout of a Hipache-like router.
var http = require('http');
var WebSocketServer = require('ws').WebSocketServer;

var port = process.env.PORT_WWW || 8080;

var server = http.createServer(function (req, res) {
  res.writeHead(200, {'Content-Type': 'text/plain'});
  res.end('WebSocket chat: connect with ws://HOST/\n');
});
var wss = new WebSocketServer({server: server});

wss.on('connection', function (ws) {
  ws.isAlive = true;
  ws.on('pong', function () { ws.isAlive = true; });
  ws.on('message', function (data) {
    var text = data.toString();
    if (text === 'ping') {
      ws.send('pong');
      return;
    }
    wss.clients.forEach(function (client) {
      if (client.readyState === 1) {
        client.send(text);
      }
    });
  });
});

var keepAlive = setInterval(function () {
  wss.clients.forEach(function (ws) {
    if (!ws.isAlive) {
      ws.terminate();
      return;
    }
    ws.isAlive = false;
    ws.ping();
  });
}, 20000);

server.listen(port, function () {
  console.log('chat listening on port ' + port);
});

process.on('SIGTERM', function () {
  console.log('Got SIGTERM exiting...');
  clearInterval(keepAlive);
  process.exit(0);
});
