// WebSocket clients for bench/zerofail.py's WebSocket row (npm `ws`, found through NODE_PATH).
// Reads one JSON command a line on stdin, answers one JSON line on stdout:
//   {"cmd":"open","n":N,"tag":T}  opens N clients -> {"ev":"opened","tag":T,"clients":[{id,lport}],"failed":k}
//   {"cmd":"ping","tag":T}        each client of T sends "ping" -> {"ev":"pinged","tag":T,"ok":n,"of":m}
//   {"cmd":"close","tag":T}       closes the clients of T itself -> {"ev":"closed","tag":T}
//   {"cmd":"report"}              -> {"ev":"report","closed":[{id,tag,at,code,byUs}],"open":n}
//   {"cmd":"quit"}
var WebSocket = require('ws');
var readline = require('readline');

var url = process.argv[2];
var clients = [];
var closed = [];

function say(o) { process.stdout.write(JSON.stringify(o) + '\n'); }

function openOne(tag) {
  return new Promise(function (resolve) {
    var c = {id: clients.length, tag: tag, ws: new WebSocket(url), byUs: false, open: false};
    clients.push(c);
    var timer = setTimeout(function () { resolve(null); }, 15000);
    c.ws.on('open', function () {
      clearTimeout(timer);
      c.open = true;
      resolve({id: c.id, lport: c.ws._socket.localPort});
    });
    c.ws.on('error', function () { clearTimeout(timer); resolve(null); });
    c.ws.on('close', function (code) {
      if (c.open) closed.push({id: c.id, tag: c.tag, at: Date.now() / 1000, code: code, byUs: c.byUs});
      c.open = false;
    });
  });
}

function pingOne(c) {
  return new Promise(function (resolve) {
    var timer = setTimeout(function () { c.ws.off('message', on); resolve(false); }, 5000);
    function on(data) {
      if (data.toString() === 'pong') { clearTimeout(timer); c.ws.off('message', on); resolve(true); }
    }
    c.ws.on('message', on);
    c.ws.send('ping');
  });
}

readline.createInterface({input: process.stdin}).on('line', function (line) {
  var m = JSON.parse(line);
  var mine = clients.filter(function (c) { return c.tag === m.tag && c.open; });
  if (m.cmd === 'open') {
    var all = [];
    for (var i = 0; i < m.n; i++) all.push(openOne(m.tag));
    Promise.all(all).then(function (r) {
      var ok = r.filter(function (x) { return x; });
      say({ev: 'opened', tag: m.tag, clients: ok, failed: r.length - ok.length});
    });
  } else if (m.cmd === 'ping') {
    Promise.all(mine.map(pingOne)).then(function (r) {
      say({ev: 'pinged', tag: m.tag, ok: r.filter(function (x) { return x; }).length, of: r.length});
    });
  } else if (m.cmd === 'close') {
    mine.forEach(function (c) { c.byUs = true; c.ws.close(1000); });
    say({ev: 'closed', tag: m.tag});
  } else if (m.cmd === 'report') {
    say({ev: 'report', closed: closed, open: clients.filter(function (c) { return c.open; }).length});
  } else if (m.cmd === 'quit') {
    clients.forEach(function (c) { c.ws.terminate(); });
    process.exit(0);
  }
});
