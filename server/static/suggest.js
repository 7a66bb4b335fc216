// Search-as-you-type for the site search box: fills its <datalist> from /search/suggest.
// The page works without it: the box is a plain GET form.
(() => {
  const input = document.getElementById("site-search");
  const list = document.getElementById("site-search-suggestions");
  if (!input || !list) return;
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) return;
    timer = setTimeout(async () => {
      const response = await fetch(`/search/suggest?q=${encodeURIComponent(q)}`);
      if (!response.ok) return;
      const items = await response.json();
      list.replaceChildren(...items.map((item) => {
        const option = document.createElement("option");
        option.value = item.label;
        option.label = item.class;
        return option;
      }));
    }, 150);
  });
})();
