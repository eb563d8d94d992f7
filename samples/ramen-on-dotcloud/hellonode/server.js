// Hello World on port 8080 (PORT_WWW), echoing the request headers, as in dotCloud's Node.js guide.
var http = require('http');

var port = process.env.PORT_WWW || 8080;

var server = http.createServer(function (req, res) {
  res.writeHead(200, {'Content-Type': 'text/plain'});
  res.end('Hello World!\n' + JSON.stringify(req.headers, null, 2) + '\n');
});

server.listen(port, function () {
  console.log('Server running on port ' + port);
});

process.on('SIGTERM', function () {
  console.log('Got SIGTERM exiting...');
  process.exit(0);
});
