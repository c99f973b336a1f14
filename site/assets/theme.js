// Sets the saved theme before the page paints, so a dark page does not flash light.
(function () {
  try {
    var saved = localStorage.getItem("dockyard-theme");
    var dark = saved ? saved === "dark" : window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    document.documentElement.setAttribute("data-theme", dark ? "dark" : "light");
  } catch (e) { /* storage may be off for file:// pages */ }
})();
