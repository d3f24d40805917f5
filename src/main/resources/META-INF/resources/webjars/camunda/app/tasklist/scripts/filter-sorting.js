/*
 * Follow-Through: the task list's header says how the list is sorted.
 *
 * Our filters sort their tasks themselves (the team queue by priority, then the oldest first; the callbacks by due
 * date), and the engine applies a filter's sorting before any other. Tasklist 7.24 does not read a filter's sorting:
 * unless the address names one, its header says "Created" (newest first) while the list is in the filter's order.
 * When a filter opens with no sorting in the address, with Tasklist's default or with the one this module put there for
 * another filter, it puts the filter's own sorting there, so the header names what the list is really sorted by; a sorting the person
 * picked in the header is left alone.
 */
const known = new Map(); // filter id → its sorting, as this module writes it in the address
let ours = null; // the sorting this module last put in the address

function engineApi() {
  // "/camunda/app/tasklist/default/" → "/camunda/api/engine/engine/default"
  const match = /^(.*)\/app\/tasklist\/([^/]+)\//.exec(window.location.pathname);
  return match ? `${match[1]}/api/engine/engine/${match[2]}` : null;
}

function addressed() {
  const hash = window.location.hash;
  const query = hash.indexOf('?') >= 0 ? hash.slice(hash.indexOf('?') + 1) : '';
  return new URLSearchParams(query);
}

async function sortingOf(filter) {
  if (!known.has(filter)) {
    const response = await fetch(`${engineApi()}/filter/${encodeURIComponent(filter)}`,
      { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) {
      return null;
    }
    const sorting = ((await response.json()).query || {}).sorting || [];
    known.set(filter, sorting.length
      ? JSON.stringify(sorting.map(s => ({ sortBy: s.sortBy, sortOrder: s.sortOrder }))) : null);
  }
  return known.get(filter);
}

/** What Tasklist writes in the address when nobody picked a sorting. */
const TASKLIST_DEFAULT = [{ sortBy: 'created', sortOrder: 'desc' }];

function isTasklistsDefault(sorting) {
  try {
    const parsed = JSON.parse(sorting);
    return Array.isArray(parsed) && parsed.length === 1 && parsed[0].sortBy === TASKLIST_DEFAULT[0].sortBy
      && parsed[0].sortOrder === TASKLIST_DEFAULT[0].sortOrder && !parsed[0].parameters;
  } catch (notJson) {
    return false;
  }
}

/**
 * Whether the address holds a sorting the person picked: not none, not Tasklist's default and not the one put there
 * for a filter. (A person who picks "Created, newest first" itself gets the filter's sorting back.)
 */
function pickedByThePerson(params) {
  const sorting = params.get('sorting');
  return sorting !== null && sorting !== ours && !isTasklistsDefault(sorting);
}

async function sortLikeTheFilter() {
  const params = addressed();
  const filter = params.get('filter');
  if (!filter || pickedByThePerson(params) || !engineApi()) {
    return;
  }
  const wanted = await sortingOf(filter);
  const now = addressed();
  if (!wanted || now.get('filter') !== filter || now.get('sorting') === wanted || pickedByThePerson(now)) {
    return;
  }
  ours = wanted;
  now.set('sorting', wanted);
  const hash = window.location.hash;
  const path = hash.indexOf('?') >= 0 ? hash.slice(0, hash.indexOf('?')) : (hash || '#/');
  window.location.replace(`${path}?${now.toString()}`);
}

window.addEventListener('hashchange', () => sortLikeTheFilter().catch(() => {}));
sortLikeTheFilter().catch(() => {});
