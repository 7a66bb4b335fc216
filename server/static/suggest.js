// Search-as-you-type for the site search box: fills its <datalist> from /search/suggest, and
// choosing a suggestion goes to that entity's page. The page works without it: the box is a plain GET form.
(() => {
  const input = document.getElementById("site-search");
  const list = document.getElementById("site-search-suggestions");
  if (!input || !list) return;
  let timer;
  let offered = new Map(); // the label shown -> the page it names
  input.addEventListener("input", (event) => {
    const chosen = offered.get(input.value);
    // a suggestion picked from the list arrives as a whole value, not as typing
    if (chosen && event.inputType !== "insertText" && event.inputType !== "deleteContentBackward") {
      window.location.assign(chosen);
      return;
    }
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) return;
    timer = setTimeout(async () => {
      const response = await fetch(`/search/suggest?q=${encodeURIComponent(q)}`);
      if (!response.ok) return;
      const items = await response.json();
      offered = new Map(items.filter((item) => item.url).map((item) => [item.label, item.url]));
      list.replaceChildren(...items.map((item) => {
        const option = document.createElement("option");
        option.value = item.label;
        option.label = item.class;
        return option;
      }));
    }, 150);
  });
})();
