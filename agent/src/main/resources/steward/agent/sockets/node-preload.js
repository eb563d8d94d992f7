'use strict';
// Steward's Node preload, loaded with `node --require` (through NODE_OPTIONS) into every Node
// process of a program whose listening sockets the agent holds. The app is not changed:
//
// 1. A listen on a handed socket (STEWARD_SOCKETS="3=tcp://0.0.0.0:8080,4=unix:///p/app.sock")
//    becomes listen({fd}): listen(8080), listen('8080'), listen(port, host, backlog, cb),
//    listen({port, host}), express's app.listen(port), http, https and net servers, a unix path.
//    Any other port, and listen(0), are left alone. In a cluster worker the {fd} listen goes to
//    the primary as usual, so the primary's inherited fd is shared (round-robin by default).
// 2. READY=1 is written once to STEWARD_NOTIFY_FD when the first handed server listens (in a
//    cluster, by the primary once a worker's listen on a handed fd succeeded).
// 3. SIGTERM drains first: handed servers stop accepting (the agent keeps the socket, so new
//    connections wait in its backlog for the successor), keep-alive connections are closed after
//    a second idle, in-flight requests finish (answered with "Connection: close"), upgraded connections
//    (WebSockets) stay until they close or STEWARD_DRAIN_SECONDS (default 30) passes. Then the
//    app's own SIGTERM listeners run; with none, SIGTERM is raised again so the process ends as
//    the default action would. A second SIGTERM cuts the drain short. A cluster primary forwards
//    the drain to its workers and waits for them.
// It never throws into the app and does nothing when STEWARD_SOCKETS is unset.
(function stewardPreload() {
  const spec = process.env.STEWARD_SOCKETS;
  if (!spec) return;
  const warn = (msg) => { try { process.stderr.write('steward-preload: ' + msg + '\n'); } catch (e) { /* ignore */ } };
  try {
    install(spec, warn);
  } catch (e) {
    warn('disabled: ' + (e && e.stack || e));
  }
})();

function install(spec, warn) {
  const fs = require('fs');
  const net = require('net');
  const path = require('path');
  const cluster = require('cluster');
  const DRAIN = 'NODE_STEWARD_DRAIN';     // "NODE_" cmds travel as 'internalMessage': the app's
  const DRAINED = 'NODE_STEWARD_DRAINED'; // own process.on('message') listeners never see them.

  // --- The handed sockets: TCP port → fd, unix path → fd. ---
  const byPort = new Map();
  const byPath = new Map();
  const pathOf = new Map();
  const fds = new Set();
  const ipcFd = Number(process.env.NODE_CHANNEL_FD); // a child_process.fork child has its IPC here
  for (const entry of spec.split(',')) {
    const m = /^\s*(\d+)=(tcp|unix):\/\/(.+?)\s*$/.exec(entry);
    if (!m) { warn('ignored STEWARD_SOCKETS entry "' + entry + '" (want FD=tcp://HOST:PORT or FD=unix:///PATH)'); continue; }
    const fd = Number(m[1]);
    // Outside a cluster worker, the fd must be an inherited socket here: a process spawned by the
    // app with other fds at 3.. (or a fork()ed child's IPC channel) must not listen on those.
    if (!cluster.isWorker && (fd === ipcFd || !isSocket(fs, fd))) continue;
    if (m[2] === 'tcp') {
      const port = Number(m[3].slice(m[3].lastIndexOf(':') + 1));
      if (Number.isInteger(port) && port > 0 && !byPort.has(port)) byPort.set(port, fd);
    } else if (!byPath.has(path.resolve(m[3]))) {
      byPath.set(path.resolve(m[3]), fd);
      pathOf.set(fd, path.resolve(m[3]));
    }
    fds.add(fd);
  }
  passToChildren(fds, warn);
  const drainSeconds = Number(process.env.STEWARD_DRAIN_SECONDS || 30);
  const drainMs = Number.isFinite(drainSeconds) && drainSeconds >= 0 ? drainSeconds * 1000 : 30000;

  // --- Readiness: one READY=1 line on the notify pipe, never from a cluster worker. ---
  let readySent = false;
  function notify(line) {
    const fd = Number(process.env.STEWARD_NOTIFY_FD);
    if (!process.env.STEWARD_NOTIFY_FD || !Number.isInteger(fd) || fd < 0) return;
    try { fs.writeSync(fd, line + '\n'); } catch (e) { /* EPIPE, EBADF, EAGAIN: the agent is not listening */ }
  }
  function ready() {
    if (readySent || cluster.isWorker) return;
    readySent = true;
    notify('READY=1');
  }
  if (cluster.isPrimary) {
    // A worker's 'listening' message carries the fd it listened on (through this primary).
    cluster.on('listening', (worker, address) => { if (address && fds.has(address.fd)) ready(); });
  }

  // --- listen() on a handed port or path → listen({fd}). ---
  const servers = new Map();       // handed server → its connection tracking
  const primaryHandles = new Set(); // a cluster primary's listening handles on handed fds
  const origListen = net.Server.prototype.listen;
  net.Server.prototype.listen = function listen(...args) {
    let fd;
    try { fd = handedFd(args); } catch (e) { fd = undefined; }
    if (fd === undefined) {
      let parkedHandle;
      try { parkedHandle = noteClusterHandle(this, args[0]); } catch (e) { /* never in the app's way */ }
      return parkedHandle ? origListen.call(this, parkedHandle) : origListen.apply(this, args);
    }
    const cb = typeof args[args.length - 1] === 'function' ? args[args.length - 1] : undefined;
    const options = { fd };
    const backlog = listenBacklog(args);
    if (backlog !== undefined) options.backlog = backlog;
    if (args[0] && typeof args[0] === 'object' && args[0].signal) options.signal = args[0].signal;
    try { adopt(this); } catch (e) { warn('cannot track connections: ' + e); }
    // A unix socket has no address of its own to read back: address() answers the path, as
    // for a path listen (node's own field for it).
    if (pathOf.has(fd)) this._pipeName = pathOf.get(fd);
    return cb ? origListen.call(this, options, cb) : origListen.call(this, options);
  };

  function handedFd(args) {
    const a = args[0];
    if (a !== null && typeof a === 'object') {
      if (a._handle || a.handle || a.fd !== undefined) return undefined; // a handle or fd: as given
      if (a.path !== undefined && a.path !== null) return pathFd(a.path);
      return a.port === undefined || a.port === null ? undefined : portFd(a.port);
    }
    if (typeof a === 'number' || (typeof a === 'string' && /^\s*\d+\s*$/.test(a))) return portFd(a);
    return typeof a === 'string' ? pathFd(a) : undefined;
  }
  function portFd(p) {
    const port = Number(p);
    return Number.isInteger(port) && port > 0 ? byPort.get(port) : undefined; // 0: a free port, untouched
  }
  function pathFd(p) {
    return typeof p === 'string' ? byPath.get(path.resolve(p)) : undefined;
  }
  // As node reads it: options.backlog, or the first number after the port (port, [host], [backlog]).
  function listenBacklog(args) {
    if (args[0] && typeof args[0] === 'object') return typeof args[0].backlog === 'number' ? args[0].backlog : undefined;
    for (const a of args.slice(1, 3)) if (typeof a === 'number') return a;
    return undefined;
  }

  // In a cluster primary, node listens on {fd} itself for its workers (round-robin). Keep that
  // handle: at the drain it is closed first, so the primary stops taking connections while its
  // workers finish the ones they hold. (Closing a handle twice is a no-op in node.)
  // When its last worker leaves, node closes it: that would close the inherited fd for good (and
  // a replacement worker's listen would find the number reused). So the handle is parked instead:
  // unref'd, queueing what it accepts, and the next listen on that fd (the replacement worker's)
  // reuses it and gets the queue. Returns the parked handle to listen on, if any.
  const parked = new Map(); // fd → { handle, queue }
  function noteClusterHandle(server, options) {
    if (!cluster.isPrimary || !options || typeof options !== 'object' || !fds.has(options.fd)) return undefined;
    if (Object.keys(cluster.workers || {}).length === 0) { adopt(server); return undefined; } // the app's own listen({fd})
    const fd = options.fd;
    const p = parked.get(fd);
    if (p) {
      parked.delete(fd);
      p.handle.ref();
      // node's round-robin sets the handle's onconnection in its own 'listening' listener, after this one.
      server.once('listening', () => process.nextTick(() => { for (const c of p.queue) p.handle.onconnection(0, c); }));
      return p.handle;
    }
    server.once('listening', () => {
      const handle = server._handle;
      if (!handle) return;
      primaryHandles.add(handle);
      const close = handle.close;
      handle.close = function (cb) {
        if (draining) return close.call(this, cb);
        const queue = [];
        parked.set(fd, { handle, queue });
        this.unref();
        this.onconnection = (err, client) => { if (!err && client) queue.push(client); };
        return undefined;
      };
    });
    return undefined;
  }

  // --- Connection tracking on a handed server, seen through its emit (no listeners added:
  // an 'upgrade' listener would change how node treats upgrade requests). ---
  function adopt(server) {
    if (servers.has(server)) return;
    const track = { sockets: new Map(), closedByUs: false, closeEmitted: false };
    servers.set(server, track);
    const tls = typeof server.addContext === 'function';
    const emit = server.emit;
    server.emit = function (event, a, b) {
      try { observe(server, track, tls, event, a, b); } catch (e) { /* never in the app's way */ }
      return emit.apply(this, arguments);
    };
    server.once('listening', ready);
    // An app that closes the server in its own SIGTERM handler after the drain already closed it
    // must get its callback (node would never call it: 'close' was already emitted).
    const close = server.close;
    server.close = function (cb) {
      if (!track.closedByUs) return close.apply(this, arguments);
      if (typeof cb === 'function') {
        if (track.closeEmitted) process.nextTick(cb); else this.once('close', () => cb());
      }
      return this;
    };
  }

  function observe(server, track, tls, event, a, b) {
    if (event === (tls ? 'secureConnection' : 'connection')) {
      connection(track, a);
    } else if (event === 'request' || event === 'checkContinue' || event === 'checkExpectation') {
      const st = track.sockets.get(a.socket) || connection(track, a.socket);
      st.requests++;
      st.active++;
      st.responses.add(b);
      if (draining) b.shouldKeepAlive = false; // answered with "Connection: close"
      let done = false;
      const end = () => {
        if (done) return;
        done = true;
        st.active--;
        st.responses.delete(b);
        st.idleSince = Date.now();
      };
      b.once('finish', end);
      b.once('close', end);
    } else if (event === 'upgrade' || event === 'connect') {
      (track.sockets.get(b) || connection(track, b)).upgraded = true;
    } else if (event === 'close') {
      track.closeEmitted = true;
    }
  }

  function connection(track, socket) {
    const st = { socket, requests: 0, active: 0, upgraded: false, idleSince: Date.now(), responses: new Set() };
    if (!socket || typeof socket.once !== 'function') return st;
    track.sockets.set(socket, st);
    socket.once('close', () => { track.sockets.delete(socket); if (draining) check(); });
    return st;
  }

  // --- SIGTERM: the preload sees it first. node binds process.emit when the first SIGTERM
  // listener is added, so process.emit is wrapped before the preload adds its (empty) listener,
  // which only keeps node's signal handler installed. The app's listeners stay registered as
  // usual (listeners(), removeListener and once keep working); they are called after the drain. ---
  let draining = false;
  let finished = false;
  let signalled = false;
  let viaPrimary = false;
  let deadline = null;
  let sweeper = null;
  const pendingWorkers = new Set();
  const origEmit = process.emit;
  const keep = function stewardDrainOnSigterm() {};
  process.emit = function (event) {
    if (event !== 'SIGTERM') return origEmit.apply(this, arguments);
    try {
      if (finished) deliver();
      else if (!draining) { signalled = true; drain(false); } // the first SIGTERM: drain
      else if (!signalled) signalled = true;                   // a worker draining for its primary
      else { warn('second SIGTERM: drain cut short'); finish(); }
    } catch (e) {
      warn('drain failed: ' + (e && e.stack || e));
      finished = true;
      try { deliver(); } catch (e2) { process.exit(143); } // 128 + SIGTERM, as a shell reports it
    }
    return true;
  };
  process.on('SIGTERM', keep);
  if (cluster.isWorker) {
    process.on('internalMessage', (msg) => {
      try {
        if (!msg || msg.cmd !== DRAIN) return;
        viaPrimary = true;
        if (!draining) drain(Boolean(msg.primaryClosed));
        else if (finished) report(); // drained already on its own SIGTERM
      } catch (e) { warn('drain failed: ' + e); }
    });
  }

  // primaryClosed: our primary already stopped accepting, so this worker keeps its server open
  // until its connections are done (connections the primary queued for it are still served).
  function drain(primaryClosed) {
    draining = true;
    for (const handle of primaryHandles) { try { handle.close(); } catch (e) { /* closed already */ } }
    for (const p of parked.values()) for (const c of p.queue) { try { c.close(); } catch (e) { /* gone */ } }
    if (cluster.isPrimary) {
      for (const worker of Object.values(cluster.workers || {})) forward(worker);
    }
    for (const [server, track] of servers) {
      if (!primaryClosed) stopAccepting(server, track);
      for (const st of track.sockets.values()) {
        // A response not started yet is sent with "Connection: close".
        for (const res of st.responses) if (!res.headersSent) res.shouldKeepAlive = false;
      }
    }
    // The agent waits for this before it says a redeploy is done: from now on new connections
    // reach only the successor.
    if (!cluster.isWorker) notify('STOPPING=1');
    // Idle connections are closed once they stayed idle a second: a keep-alive client that sends
    // its next request at once (as a load generator or a busy proxy does) gets it answered with
    // "Connection: close" instead of finding its connection closed under it.
    sweeper = setInterval(sweep, 250);
    sweeper.unref();
    deadline = setTimeout(() => { warn('drain time (' + drainMs / 1000 + ' s) passed'); finish(); }, drainMs);
    check();
  }

  function forward(worker) {
    if (!worker || !worker.isConnected() || worker.isDead()) return;
    pendingWorkers.add(worker);
    const gone = () => { pendingWorkers.delete(worker); check(); };
    worker.process.on('internalMessage', (msg) => { if (msg && msg.cmd === DRAINED) gone(); });
    worker.once('exit', gone);
    worker.once('disconnect', gone);
    try { worker.send({ cmd: DRAIN, primaryClosed: primaryHandles.size > 0 }); } catch (e) { gone(); }
  }

  function stopAccepting(server, track) {
    if (track.closedByUs) return;
    if (!server.listening) { server.once('listening', () => stopAccepting(server, track)); return; } // still binding
    track.closedByUs = true;
    // net's close, not http's: http's would also destroy connections accepted a moment ago
    // whose first request has not arrived yet; sweep() gives those a second.
    try { net.Server.prototype.close.call(server); } catch (e) { warn('close: ' + e); }
  }

  function sweep() {
    const now = Date.now();
    for (const track of servers.values()) {
      for (const st of track.sockets.values()) {
        if (st.active === 0 && !st.upgraded && now - st.idleSince >= 1000 && isHttp(st)) st.socket.destroy();
      }
    }
  }
  function isHttp(st) { return st.requests > 0 || st.socket.parser !== undefined; }

  function check() {
    if (!draining || finished) return;
    let open = 0;
    for (const [server, track] of servers) {
      if (track.sockets.size === 0) stopAccepting(server, track); // a worker's own server, now idle
      open += track.sockets.size;
    }
    if (open === 0 && pendingWorkers.size === 0) finish();
  }

  function finish() {
    if (finished) return;
    finished = true;
    clearTimeout(deadline);
    clearInterval(sweeper);
    if (viaPrimary) report();
    if (signalled) deliver();
  }

  function report() {
    if (process.connected) { try { process.send({ cmd: DRAINED }); } catch (e) { /* primary gone */ } }
  }

  // The app's SIGTERM listeners now, in their order; with none, the default action.
  function deliver() {
    process.removeListener('SIGTERM', keep);
    if (process.listenerCount('SIGTERM') > 0) origEmit.call(process, 'SIGTERM', 'SIGTERM');
    else process.kill(process.pid, 'SIGTERM');
  }
}

// node marks every inherited fd close-on-exec, so a child it spawns (the app under `npm start`,
// `yarn start` or a shell) would not get the handed sockets that any other parent passes down:
// the app's listen would then fail with EADDRINUSE on the held port. So a child spawned with
// plain stdio (no IPC channel: fork() and cluster workers get theirs through their parent) gets
// the handed fds and the notify pipe at the same numbers.
function passToChildren(fds, warn) {
  const notify = Number(process.env.STEWARD_NOTIFY_FD);
  const pass = new Set(fds);
  if (process.env.STEWARD_NOTIFY_FD && Number.isInteger(notify) && notify > 2) pass.add(notify);
  if (require('cluster').isWorker || pass.size === 0) return;
  const { ChildProcess } = require('child_process');
  const spawn = ChildProcess.prototype.spawn;
  ChildProcess.prototype.spawn = function (options) {
    try {
      let stdio = options && (options.stdio === undefined ? 'pipe' : options.stdio);
      if (typeof stdio === 'string' && stdio !== 'ipc') stdio = [stdio, stdio, stdio];
      if (Array.isArray(stdio) && stdio.length === 3 && !stdio.includes('ipc')) {
        stdio = stdio.slice();
        for (let fd = 3; fd <= Math.max(...pass); fd++) stdio.push(pass.has(fd) ? fd : 'ignore');
        options = Object.assign({}, options, { stdio });
      }
    } catch (e) { warn('cannot pass the sockets to a child: ' + e); }
    return spawn.call(this, options);
  };
}

function isSocket(fs, fd) {
  try { return fs.fstatSync(fd).isSocket(); } catch (e) { return false; }
}
