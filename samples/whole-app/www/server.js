// The web service of samples/whole-app: counts visits in redis and shows the worker's count.
// It finds redis through the environment dotCloud gave every service (DOTCLOUD_CACHE_REDIS_*),
// and speaks redis's protocol itself so the sample has no npm dependency to download.
var http = require('http');
var net = require('net');

var port = process.env.PORT_WWW || 8080;
var redisHost = process.env.DOTCLOUD_CACHE_REDIS_HOST;
var redisPort = process.env.DOTCLOUD_CACHE_REDIS_PORT;
var redisPassword = process.env.DOTCLOUD_CACHE_REDIS_PASSWORD;

function command(args) {
  return '*' + args.length + '\r\n' + args.map(function (a) {
    a = String(a);
    return '$' + Buffer.byteLength(a) + '\r\n' + a + '\r\n';
  }).join('');
}

// Parses complete replies (+OK, -ERR, :1, $3 abc, $-1) from the front of text; null if one is cut.
function parse(text, count) {
  var replies = [];
  var at = 0;
  while (replies.length < count) {
    var eol = text.indexOf('\r\n', at);
    if (eol < 0) return null;
    var line = text.slice(at, eol);
    at = eol + 2;
    if (line[0] === '$') {
      var n = Number(line.slice(1));
      if (n < 0) { replies.push(null); continue; }
      if (text.length < at + n + 2) return null;
      replies.push(text.slice(at, at + n));
      at += n + 2;
    } else if (line[0] === '-') {
      replies.push(new Error(line.slice(1)));
    } else {
      replies.push(line.slice(1));
    }
  }
  return replies;
}

// Sends the commands on one connection; calls back with their replies (AUTH's left out).
function redis(commands, done) {
  if (!redisHost || !redisPort) {
    return done(new Error('no DOTCLOUD_CACHE_REDIS_* in the environment'));
  }
  var all = redisPassword ? [['AUTH', redisPassword]].concat(commands) : commands;
  var socket = net.connect(Number(redisPort), redisHost);
  var data = '';
  var finished = false;
  function finish(err, replies) {
    if (!finished) { finished = true; socket.destroy(); done(err, replies); }
  }
  socket.setTimeout(2000, function () { finish(new Error('redis timed out')); });
  socket.on('connect', function () { socket.write(all.map(command).join('')); });
  socket.on('data', function (chunk) {
    data += chunk;
    var replies = parse(data, all.length);
    if (replies) {
      var bad = replies.filter(function (r) { return r instanceof Error; })[0];
      finish(bad || null, replies.slice(redisPassword ? 1 : 0));
    }
  });
  socket.on('error', finish);
}

var server = http.createServer(function (req, res) {
  redis([['INCR', 'visits'], ['GET', 'worker:rows']], function (err, replies) {
    res.writeHead(200, {'Content-Type': 'text/plain'});
    if (err) {
      return res.end('Hello from www (redis: ' + err.message + ')\n');
    }
    var visits = replies[0];
    var rows = replies[1] || '0';
    res.end('Hello from www: visit ' + visits + ', the worker has written ' + rows + ' rows to postgresql\n');
  });
});

server.listen(port, function () {
  console.log('www listening on port ' + port + (redisHost ? ', redis at ' + redisHost + ':' + redisPort : ', no redis'));
});

process.on('SIGTERM', function () {
  console.log('www: got SIGTERM, exiting');
  server.close(function () { process.exit(0); });
});
