// The listen forms an app uses, each reporting "NAME ADDRESS-JSON" once listening. P1..P4 and SOCK
// are handed (held by the test), OTHER is a port nobody holds, and one server asks for port 0.
var fs = require('fs');
var http = require('http');
var https = require('https');
var net = require('net');
var env = process.env;

function hello(name) {
  return function (req, res) { res.end(name + '\n'); };
}
function report(name) {
  return function () { console.log(name + ' ' + JSON.stringify(this.address())); };
}

console.log('listen called');
// listen(port-as-string, host, backlog, cb)
http.createServer(hello('a')).listen(String(env.P1), '127.0.0.1', 511, report('a'));
// listen({port, host}) on a plain TCP server; the callback as the 'listening' event
net.createServer(function (c) { c.end('b\n'); }).listen({ port: Number(env.P2), host: 'localhost' }).on('listening', report('b'));
// express's app.listen(port, cb) is http.createServer(app).listen(port, cb)
var app = function (req, res) { hello('c')(req, res); };
var c = http.createServer(app);
c.listen(Number(env.P3), report('c'));
// https on a handed port
https.createServer({ key: fs.readFileSync('key.pem'), cert: fs.readFileSync('cert.pem') }, hello('d'))
  .listen(Number(env.P4), report('d'));
// a unix socket path
http.createServer(hello('e')).listen(env.SOCK, report('e'));
// not handed: another port, and port 0
http.createServer(hello('f')).listen(Number(env.OTHER), '127.0.0.1', report('f'));
http.createServer(hello('g')).listen(0, '127.0.0.1', report('g'));
