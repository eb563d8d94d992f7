(function () {
  "use strict";
  var pre = document.getElementById("tailbody"), search = document.getElementById("search");
  var only = document.getElementById("only"), count = document.getElementById("count");
  if (!search) { return; }
  var text = pre.textContent;

  function run() {
    var q = search.value;
    pre.replaceChildren();
    if (q === "") { pre.textContent = text; count.textContent = ""; return; }
    var needle = q.toLowerCase(), hits = 0, lines = text.split("\n");
    lines.forEach(function (line, i) {
      var low = line.toLowerCase(), at = low.indexOf(needle), from = 0;
      if (at < 0 && only.checked) { return; }
      while (at >= 0) {
        pre.appendChild(document.createTextNode(line.slice(from, at)));
        var mark = document.createElement("mark");
        mark.textContent = line.slice(at, at + q.length);
        pre.appendChild(mark);
        hits++;
        from = at + q.length;
        at = low.indexOf(needle, from);
      }
      pre.appendChild(document.createTextNode(line.slice(from) + (i < lines.length - 1 ? "\n" : "")));
    });
    count.textContent = hits + (hits === 1 ? " match" : " matches");
    var first = pre.querySelector("mark");
    if (first) { first.scrollIntoView({block: "center"}); }
  }

  search.addEventListener("input", run);
  only.addEventListener("change", run);

  // Follow: append what the log gains, once a second while the box is ticked and the page visible
  var follow = document.getElementById("follow"), offset = Number(pre.dataset.offset), timer = null;
  var KEEP = 1 << 20;
  function more() {
    timer = null;
    if (!follow.checked) { return; }
    if (document.visibilityState === "hidden") { timer = setTimeout(more, 1000); return; }
    var url = "tail.json?processname=" + pre.dataset.name + "&offset=" + offset
      + (pre.dataset.channel ? "&channel=" + pre.dataset.channel : "");
    fetch(url, {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (d) {
      if (d.error) { count.textContent = d.error; return; }
      if (d.overflow) { text += "\n[... output skipped ...]\n"; }
      if (d.text) {
        text = (text + d.text).slice(-KEEP);
        var atEnd = window.innerHeight + window.scrollY >= document.body.scrollHeight - 4;
        run();
        if (atEnd && search.value === "") { window.scrollTo(0, document.body.scrollHeight); }
      }
      offset = d.offset;
    }).catch(function () {}).finally(function () {
      if (follow.checked && timer === null) { timer = setTimeout(more, 1000); }
    });
  }
  if (follow) {
    follow.addEventListener("change", function () { if (follow.checked && timer === null) { more(); } });
  }
  var m = /[?&]q=([^&]*)/.exec(location.search);
  if (m) { search.value = decodeURIComponent(m[1].replace(/\+/g, " ")); run(); }
})();
