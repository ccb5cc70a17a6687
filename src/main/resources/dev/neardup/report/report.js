// Paging (so that thousands of groups open fast) and keyboard navigation: j/k or arrows = next/previous group,
// n/p = next/previous page. Without JavaScript every group is shown; images load lazily either way.
(function () {
  var groups = Array.prototype.slice.call(document.querySelectorAll('section.group'));
  var pageSize = 50, page = 0, current = 0;
  var nav = document.querySelector('nav.pager');
  if (!groups.length || !nav) { return; }
  var pages = Math.ceil(groups.length / pageSize);
  var label = nav.querySelector('.where');
  function show(p) {
    page = Math.max(0, Math.min(pages - 1, p));
    groups.forEach(function (g, i) { g.hidden = Math.floor(i / pageSize) !== page; });
    label.textContent = 'page ' + (page + 1) + ' of ' + pages + ' (groups ' + (page * pageSize + 1) + '-' +
      Math.min(groups.length, (page + 1) * pageSize) + ' of ' + groups.length + ')';
  }
  function focus(i) {
    if (i < 0 || i >= groups.length) { return; }
    groups[current].classList.remove('current');
    current = i;
    if (Math.floor(i / pageSize) !== page) { show(Math.floor(i / pageSize)); }
    groups[i].classList.add('current');
    groups[i].scrollIntoView({ block: 'start' });
  }
  nav.querySelector('.prev').onclick = function () { show(page - 1); focus(page * pageSize); };
  nav.querySelector('.next').onclick = function () { show(page + 1); focus(page * pageSize); };
  nav.hidden = false;
  var hash = location.hash.match(/^#g(\d+)$/);
  show(0);
  if (hash) {
    var at = groups.findIndex(function (g) { return g.id === 'g' + hash[1]; });
    if (at >= 0) { focus(at); }
  }
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    if (e.key === 'j' || e.key === 'ArrowDown') { focus(current + 1); e.preventDefault(); }
    else if (e.key === 'k' || e.key === 'ArrowUp') { focus(current - 1); e.preventDefault(); }
    else if (e.key === 'n') { show(page + 1); focus(page * pageSize); }
    else if (e.key === 'p') { show(page - 1); focus(page * pageSize); }
  });
})();
