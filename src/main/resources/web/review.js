// The neardup review page: plain JavaScript, no build step, nothing fetched from elsewhere.
// State lives in the URL hash (#group=12&sort=size&page=1&source=alice) so that a reload comes back to the same group.
'use strict';
(function () {
  var PAGE_SIZE = 50;
  var state = { sort: 'size', source: '', page: 1, pages: 1, list: [], group: null, focus: 0, diff: false };
  var $ = function (id) { return document.getElementById(id); };

  function api(method, url, body) {
    var opts = { method: method, headers: {} };
    if (body !== undefined) { opts.headers['Content-Type'] = 'application/json'; opts.body = JSON.stringify(body); }
    return fetch(url, opts).then(function (r) {
      return r.json().then(function (j) {
        if (!r.ok) { var e = new Error(j.detail || j.error || r.status); e.status = r.status; throw e; }
        return j;
      });
    });
  }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { e.textContent = attrs[k]; }
      else if (k === 'onclick') { e.onclick = attrs[k]; }
      else { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { e.appendChild(c); } });
    return e;
  }
  function pct(v) { return v == null ? '' : (100 * v).toFixed(2) + '%'; }
  function imageUrl(path) { return '/api/review/image?path=' + encodeURIComponent(path); }
  function saveHash() {
    var h = 'sort=' + state.sort + '&page=' + state.page;
    if (state.source) { h += '&source=' + encodeURIComponent(state.source); }
    if (state.group) { h = 'group=' + state.group.id + '&' + h; }
    history.replaceState(null, '', '#' + h);
  }
  function readHash() {
    var out = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
      var p = kv.split('='); if (p[0]) { out[p[0]] = decodeURIComponent(p[1] || ''); }
    });
    return out;
  }
  function showError(e) { $('apply-result').textContent = 'Error: ' + e.message; }

  function loadSummary() {
    return api('GET', '/api/review/summary').then(function (s) {
      var box = $('summary'); box.textContent = '';
      [['images', s.images], ['groups', s.groups], ['to move', s.to_remove],
       ['not-duplicate decisions', s.not_duplicate_decisions]].forEach(function (t) {
        box.appendChild(el('div', {}, [el('b', { text: String(t[1]) }), el('span', { text: ' ' + t[0] })]));
      });
      if (s.default_move_to && !$('move-to').value) { $('move-to').value = s.default_move_to; }
      var select = $('source');
      while (select.options.length > 1) { select.remove(1); }
      (s.sources || []).forEach(function (src) { select.appendChild(el('option', { value: src, text: src })); });
      if (state.source && (s.sources || []).indexOf(state.source) < 0) {
        select.appendChild(el('option', { value: state.source, text: state.source }));
      }
      select.value = state.source;
    });
  }

  function loadList() {
    var url = '/api/review/groups?page=' + state.page + '&size=' + PAGE_SIZE + '&sort=' + state.sort +
      (state.source ? '&source=' + encodeURIComponent(state.source) : '');
    return api('GET', url).then(function (p) {
      state.list = p.groups; state.pages = p.pages; state.page = p.page;
      $('page-label').textContent = 'page ' + p.page + ' of ' + p.pages + ' (' + p.total + ' groups)';
      var ol = $('group-list'); ol.textContent = '';
      p.groups.forEach(function (g) {
        var detail = g.members + ' duplicate' + (g.members === 1 ? '' : 's') +
          (g.max_changed_fraction != null ? ' · up to ' + pct(g.max_changed_fraction) + ' changed' : '') +
          (g.status === 'not_duplicate' ? ' · not a duplicate' : '');
        var li = el('li', { 'data-group-id': g.id, 'data-status': g.status, onclick: function () { openGroup(g.id); } },
          [el('span', { text: '#' + g.id + ' ' + g.kept_name }), el('small', { text: detail })]);
        if (state.group && state.group.id === g.id) { li.classList.add('current'); }
        ol.appendChild(li);
      });
    });
  }

  function markCurrentInList() {
    Array.prototype.forEach.call(document.querySelectorAll('#group-list li'), function (li) {
      var on = state.group && Number(li.getAttribute('data-group-id')) === state.group.id;
      li.classList.toggle('current', !!on);
      if (on) { li.setAttribute('data-status', state.group.status); li.scrollIntoView({ block: 'nearest' }); }
    });
  }

  function openGroup(id) {
    return api('GET', '/api/review/groups/' + id).then(function (g) {
      state.group = g; state.focus = Math.min(state.focus, g.members.length);
      render(); saveHash(); markCurrentInList();
    }).catch(function (e) {
      if (e.status === 404) { state.group = null; $('group').textContent = 'Group ' + id + ' is gone (regrouped or moved).'; saveHash(); }
      else { showError(e); }
    });
  }

  function picture(path, kept, member) {
    var pic = el('div', { class: 'pic' });
    if (member) { pic.appendChild(el('img', { class: 'under', src: imageUrl(kept), alt: '' })); }
    pic.appendChild(el('img', { class: 'top', src: imageUrl(path), alt: path.split('/').pop() }));
    if (member && member.scored_width && member.regions) {
      member.regions.forEach(function (b) {
        var s = 'left:' + (100 * b.x / member.scored_width) + '%;top:' + (100 * b.y / member.scored_height) +
          '%;width:' + (100 * b.width / member.scored_width) + '%;height:' + (100 * b.height / member.scored_height) + '%';
        pic.appendChild(el('span', { class: 'box', style: s }));
      });
    }
    return pic;
  }

  function render() {
    var g = state.group, main = $('group');
    main.textContent = '';
    main.classList.toggle('diff', state.diff);
    var statusText = g.status === 'not_duplicate' ? 'not a duplicate' : g.to_remove + ' to move';
    main.appendChild(el('h2', { text: 'Group ' + g.id + ' ' }, [el('span', { class: 'status', id: 'group-status', 'data-status': g.status, text: statusText })]));
    main.appendChild(el('div', { class: 'bar' }, [
      el('button', { id: 'group-not-duplicate', text: 'Whole group: not a duplicate (X)', onclick: function () { notDuplicate(null); } }),
      el('button', { id: 'toggle-diff', text: (state.diff ? 'Hide' : 'Show') + ' difference overlay (d)', onclick: toggleDiff })
    ]));
    var cards = el('div', { class: 'cards' });
    cards.appendChild(el('div', { class: 'card kept', 'data-path': g.kept.path }, [
      picture(g.kept.path),
      el('div', { class: 'caption' }, [el('span', { class: 'tag', text: 'KEPT' }),
        document.createTextNode(' ' + g.kept.path + ' · ' + g.kept.width + '×' + g.kept.height + ' · ' + g.kept_because)])
    ]));
    g.members.forEach(function (m) {
      var scores = [];
      if (m.cosine != null) { scores.push('cosine ' + m.cosine.toFixed(4)); }
      if (m.score != null) { scores.push('score ' + Math.round(m.score) + ' px²', pct(m.changed_fraction) + ' changed', m.regions.length + ' regions'); }
      if (m.match && m.match !== 'identity' && m.match !== 'exact') { scores.unshift(m.match); }
      scores.push('pHash distance ' + m.hamming, 'via ' + m.via);
      var card = el('div', { class: 'card member' + (m.not_duplicate ? ' no' : ''), 'data-path': m.image.path, 'data-not-duplicate': String(m.not_duplicate) }, [
        picture(m.image.path, g.kept.path, m),
        el('div', { class: 'caption' }, [el('span', { class: 'tag', text: m.not_duplicate ? 'NOT A DUPLICATE' : 'TO MOVE' }),
          document.createTextNode(' ' + m.image.path + ' · ' + m.image.width + '×' + m.image.height),
          el('div', { class: 'scores', text: scores.join(' · ') })]),
        el('div', { class: 'actions' }, [
          el('button', { class: 'keep', text: 'Keep this one (s)', onclick: function () { keep(m.image.path); } }),
          m.not_duplicate
            ? el('button', { class: 'undo', text: 'Undo (u)', onclick: function () { undoNotDuplicate(m.image.path); } })
            : el('button', { class: 'not-duplicate', text: 'Not a duplicate (x)', onclick: function () { notDuplicate(m.image.path); } })
        ])
      ]);
      cards.appendChild(card);
    });
    main.appendChild(cards);
    focusCard(state.focus);
  }

  function focusCard(i) {
    var cards = document.querySelectorAll('#group .card');
    if (!cards.length) { return; }
    state.focus = Math.max(0, Math.min(cards.length - 1, i));
    Array.prototype.forEach.call(cards, function (c, j) { c.classList.toggle('focused', j === state.focus); });
  }
  function focusedMember() {
    if (!state.group || state.focus === 0) { return null; }
    return state.group.members[state.focus - 1] || null;
  }

  function afterChange(g) { state.group = g; render(); loadSummary(); loadList(); }
  function notDuplicate(path) {
    if (!state.group) { return; }
    api('POST', '/api/review/groups/' + state.group.id + '/not-duplicate', path ? { path: path } : {})
      .then(afterChange).catch(showError);
  }
  function undoNotDuplicate(path) {
    api('POST', '/api/review/groups/' + state.group.id + '/undo-not-duplicate', path ? { path: path } : {})
      .then(afterChange).catch(showError);
  }
  function keep(path) {
    var id = state.group.id;
    api('POST', '/api/review/groups/' + id + '/keep', { path: path }).then(function (r) {
      state.focus = 0;
      loadSummary(); loadList();
      if (r.groups.length) { state.group = r.groups[0]; render(); saveHash(); }
      else { openGroup(id); }
    }).catch(showError);
  }
  function toggleDiff() { state.diff = !state.diff; render(); }

  function step(delta) {
    var ids = state.list.map(function (g) { return g.id; });
    var at = state.group ? ids.indexOf(state.group.id) : -1;
    var next = at + delta;
    if (next >= 0 && next < ids.length) { state.focus = 0; openGroup(ids[next]); }
    else if (next >= ids.length && state.page < state.pages) { state.page++; loadList().then(function () { step2(0); }); }
    else if (next < 0 && state.page > 1) { state.page--; loadList().then(function () { step2(state.list.length - 1); }); }
  }
  function step2(i) { if (state.list[i]) { state.focus = 0; openGroup(state.list[i].id); } }

  document.addEventListener('keydown', function (e) {
    if (e.target && (e.target.tagName === 'INPUT' || e.target.tagName === 'SELECT')) { return; }
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    var m = focusedMember();
    switch (e.key) {
      case 'j': case 'ArrowDown': step(1); break;
      case 'k': case 'ArrowUp': step(-1); break;
      case 'l': case 'ArrowRight': focusCard(state.focus + 1); break;
      case 'h': case 'ArrowLeft': focusCard(state.focus - 1); break;
      case 's': case 'Enter': if (m) { keep(m.image.path); } break;
      case 'x': if (m && !m.not_duplicate) { notDuplicate(m.image.path); } break;
      case 'X': notDuplicate(null); break;
      case 'u': if (m && m.not_duplicate) { undoNotDuplicate(m.image.path); } break;
      case 'd': if (state.group) { toggleDiff(); } break;
      case 'r': api('POST', '/api/review/regroup').then(function () { loadSummary(); loadList(); if (state.group) { openGroup(state.group.id); } }).catch(showError); break;
      default: return;
    }
    e.preventDefault();
  });

  $('sort').onchange = function () { state.sort = $('sort').value; state.page = 1; saveHash(); loadList(); };
  $('source').onchange = function () { state.source = $('source').value; state.page = 1; saveHash(); loadList().catch(showError); };
  $('prev-page').onclick = function () { if (state.page > 1) { state.page--; saveHash(); loadList(); } };
  $('next-page').onclick = function () { if (state.page < state.pages) { state.page++; saveHash(); loadList(); } };
  $('apply').onsubmit = function (e) {
    e.preventDefault();
    var dest = $('move-to').value.trim();
    if (!dest) { $('apply-result').textContent = 'Say where to move the duplicates.'; return; }
    if (!confirm('Move every duplicate not marked "not a duplicate" to ' + dest + '? (undo with neardup undo)')) { return; }
    api('POST', '/api/review/apply', { move_to: dest }).then(function (r) {
      $('apply-result').textContent = 'Moved ' + r.moved + (r.skipped.length ? ', skipped ' + r.skipped.length : '') + '. Undo: ' + r.undo;
      state.group = null; $('group').textContent = ''; loadSummary(); loadList();
    }).catch(showError);
  };

  var h = readHash();
  if (h.sort) { state.sort = h.sort; $('sort').value = h.sort; }
  if (h.source) { state.source = h.source; }
  if (h.page) { state.page = Math.max(1, parseInt(h.page, 10) || 1); }
  loadSummary().catch(showError);
  loadList().then(function () { if (h.group) { openGroup(Number(h.group)); } }).catch(showError);
})();
