// sayso: optional enhancements. Everything reads and works without it.

// The Analyze form: while the server analyses, say so and count the seconds.
(function () {
  "use strict";
  var form = document.querySelector("form.analyze");
  var busy = document.getElementById("busy");
  if (!form || !busy) return;
  form.addEventListener("submit", function () {
    var label = document.getElementById("busy-text");
    var start = Date.now();
    var chars = (document.getElementById("text") || {value: ""}).value.length;
    var what = chars > 20000 ? "Analysing " + Math.round(chars / 1000) + " thousand characters…" : "Analysing…";
    label.textContent = what;
    busy.setAttribute("data-on", "");
    form.setAttribute("aria-busy", "true");
    setInterval(function () {
      label.textContent = what + " " + Math.round((Date.now() - start) / 1000) + " s";
    }, 1000);
  });
})();

// The article view.
// Hover, focus or click a marked passage to light up its whole attribution and see its card.
// The marked texts are the body and, when the title was analysed as the headline, the title.
(function () {
  "use strict";
  var texts = document.querySelectorAll(".marked");
  var pop = document.getElementById("pop");
  if (!texts.length || !pop) return;
  var body = pop.querySelector(".pop-body");
  var pinned = null;

  function idOf(el) {
    var hit = el && el.closest ? el.closest("[data-a]") : null;
    return hit ? hit.getAttribute("data-a") : null;
  }
  function light(id) {
    var on = document.querySelectorAll(".marked .on");
    for (var i = 0; i < on.length; i++) on[i].classList.remove("on");
    if (!id) return;
    var els = document.querySelectorAll('.marked [data-a="' + CSS.escape(id) + '"]');
    for (var j = 0; j < els.length; j++) els[j].classList.add("on");
  }
  function show(id) {
    var card = document.getElementById("card-" + id);
    if (!card) return;
    light(id);
    body.replaceChildren(card.cloneNode(true));
    body.firstChild.removeAttribute("id");
    pop.hidden = false;
  }
  function hide() {
    pinned = null;
    pop.hidden = true;
    light(null);
  }
  texts.forEach(function (text) {
    text.addEventListener("mouseover", function (e) {
      if (pinned) return;
      var id = idOf(e.target);
      if (id) show(id);
    });
    text.addEventListener("mouseleave", function () { if (!pinned) hide(); });
    text.addEventListener("focusin", function (e) { var id = idOf(e.target); if (id) show(id); });
    text.addEventListener("click", function (e) {
      var id = idOf(e.target);
      if (!id) return;
      e.preventDefault();
      pinned = id;
      show(id);
    });
  });
  pop.querySelector(".pop-close").addEventListener("click", hide);
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
})();

// The article view: "Show the N resting on unnamed sources" shades their contents in the text.
(function () {
  "use strict";
  var button = document.getElementById("show-anon");
  var texts = document.querySelectorAll(".marked");
  if (!button || !texts.length) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    var on = button.getAttribute("aria-pressed") !== "true";
    texts.forEach(function (text) { text.classList.toggle("show-anon", on); });
    button.setAttribute("aria-pressed", on ? "true" : "false");
  });
})();
