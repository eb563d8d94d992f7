(function () {
  "use strict";
  var body = document.querySelector("#statustable tbody");
  var msg = document.getElementById("statusmessage");
  var live = document.getElementById("live");
  var filter = document.getElementById("filter");
  var etag = null, timer = null, inflight = false;

  function show(text) {
    msg.textContent = text;
    msg.className = "status_msg" + (/^ERROR|unexpected/.test(text) ? " error" : "");
  }

  // the links of a row, as the server draws them (q: the namespec quoted by the server)
  function actionsHtml(kind, q) {
    var act = function (name, action) { return [name, "index.html?processname=" + q + "&action=" + action, false]; };
    var list = kind === "running" ? [act("Restart", "restart"), act("Stop", "stop")]
      : kind === "stopped" ? [act("Start", "start"), null] : [null, null];
    list.push(act("Clear Log", "clearlog"), ["Tail -f Stdout", "logtail/" + q, true],
      ["Tail -f Stderr", "logtail/" + q + "/stderr", true]);
    var ul = document.createElement("ul");
    list.forEach(function (a) {
      var li = document.createElement("li"), link = document.createElement("a");
      if (a === null) {
        link.className = "hidden";
      } else {
        link.textContent = a[0];
        link.setAttribute("name", a[0]);
        link.setAttribute("href", a[1]);
        if (a[2]) { link.target = "_blank"; }
      }
      li.appendChild(link);
      ul.appendChild(li);
    });
    return ul;
  }

  function applyFilter() {
    if (!body) { return; }
    var f = filter.value.trim().toLowerCase();
    var groupsShown = {};
    body.querySelectorAll("tr[data-name]").forEach(function (tr) {
      var show = f === "" || tr.dataset.name.toLowerCase().indexOf(f) >= 0;
      tr.style.display = show ? "" : "none";
      if (show) { groupsShown[tr.dataset.group] = true; }
    });
    body.querySelectorAll("tr.grouprow").forEach(function (tr) {
      tr.style.display = groupsShown[tr.dataset.group] ? "" : "none";
    });
  }

  function update(data) {
    var rows = {};
    body.querySelectorAll("tr[data-name]").forEach(function (tr) { rows[tr.dataset.name] = tr; });
    var names = data.processes.map(function (p) { return p.name; });
    if (names.length !== Object.keys(rows).length || names.some(function (n) { return !rows[n]; })) {
      location.replace("index.html");  // programs added or removed (reread/update): draw the page anew
      return;
    }
    data.processes.forEach(function (p) {
      var tr = rows[p.name], state = tr.querySelector("td.status span"), info = tr.querySelector("span.info");
      if (state.textContent !== p.state) { state.textContent = p.state; }
      if (state.className !== p["class"]) { state.className = p["class"]; }
      if (info.textContent !== p.description) { info.textContent = p.description; }
      if (tr.dataset.kind !== p.kind) {
        tr.dataset.kind = p.kind;
        tr.querySelector("td.action").replaceChildren(actionsHtml(p.kind, tr.dataset.q));
      }
    });
  }

  function poll() {
    clearTimeout(timer);
    if (document.visibilityState === "hidden" || inflight) { timer = setTimeout(poll, 1000); return; }
    inflight = true;
    var headers = etag ? {"If-None-Match": etag} : {};
    fetch("status.json", {headers: headers, cache: "no-store"}).then(function (r) {
      live.className = "";
      live.textContent = "live";
      if (r.status === 304) { return null; }
      if (!r.ok) { throw new Error(r.status); }
      etag = r.headers.get("ETag");
      return r.json();
    }).then(function (data) {
      if (data && body) { update(data); }
    }).catch(function () {
      live.className = "off";
      live.textContent = "not connected";
    }).finally(function () {
      inflight = false;
      timer = setTimeout(poll, 1000);
    });
  }

  document.addEventListener("click", function (e) {
    var a = e.target.closest("a[href]");
    if (!a || a.target === "_blank") { return; }
    var href = a.getAttribute("href");
    var m = /^index\.html\?(.*action=.*)$/.exec(href);
    if (!m || /action=tail/.test(href)) { return; }
    e.preventDefault();
    a.classList.add("busy");
    show("Working: " + (a.getAttribute("name") || a.textContent) + "...");
    fetch("action.json?" + m[1], {cache: "no-store"}).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    }).then(function (d) { show(d.message); }).catch(function (err) {
      show("ERROR: " + err.message);
    }).finally(function () {
      a.classList.remove("busy");
      etag = null;
      poll();
    });
  });

  if (filter) { filter.addEventListener("input", applyFilter); }
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "visible") { poll(); } });
  if (body) { timer = setTimeout(poll, 1000); }
})();
