// A cluster app: the primary forks WORKERS workers (2 by default), and a new one when one is
// killed; workers listen on PORT_WWW and answer their pid after DELAY_MS.
var cluster = require('cluster');
var http = require('http');

if (cluster.isPrimary) {
  for (var i = 0; i < Number(process.env.WORKERS || 2); i++) cluster.fork();
  cluster.on('exit', function (worker, code, signal) {
    console.log('worker ' + worker.process.pid + ' died (' + (signal || code) + ')');
    if (!worker.exitedAfterDisconnect && signal === 'SIGKILL') cluster.fork();
  });
} else {
  http.createServer(function (req, res) {
    setTimeout(function () { res.end('worker ' + process.pid + '\n'); }, Number(process.env.DELAY_MS || 0));
  }).listen(process.env.PORT_WWW, function () {
    console.log('worker ' + process.pid + ' listening on ' + this.address().port);
  });
}
