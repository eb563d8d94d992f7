// An app with its own graceful stop: a SIGTERM listener added with prependListener that closes
// the server and exits 3 from close's callback. Requests take 2 s.
var http = require('http');
var server = http.createServer(function (req, res) {
  console.log('request');
  setTimeout(function () { res.end('done\n'); }, 2000);
});
server.listen(process.env.PORT_WWW);
process.prependListener('SIGTERM', function (signal) {
  console.log('app handler: ' + signal);
  server.close(function (err) {
    console.log('closed: ' + (err ? err.code : 'ok'));
    process.exit(3);
  });
});
