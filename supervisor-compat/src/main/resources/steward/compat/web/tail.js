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
  var m = /[?&]q=([^&]*)/.exec(location.search);
  if (m) { search.value = decodeURIComponent(m[1].replace(/\+/g, " ")); run(); }
})();
