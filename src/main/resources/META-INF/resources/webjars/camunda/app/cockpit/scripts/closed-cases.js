// Cockpit process definition tab "Closed cases": every closed support case, of every version and however long ago it
// was opened, newest first, as GET /api/insights/cases?state=closed lists them, each linking to its history view
// (case-history.js). Read only.
import {
  PLANS, SUPPORT_CASE, caseHistoryHref, ensureStyles, failure, formatCount, formatMinutes, getJson, h, insightsUrl,
  loading, note, outcomeLabel, processDefinition, show, time
} from './insights-common.js';

const PAGE_SIZE = 20;

function casesTable(page, definition) {
  const caption = `Closed cases of ${definition.name ?? definition.key}, all versions, newest first; `
    + `times are the support team's, ${page.timeZone}`;
  const at = (iso) => time(iso, { timeZone: page.timeZone });
  return h('table', { class: 'table table-condensed cam-table ft-table ft-closed-cases' },
    h('caption', null, caption),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Case'),
      h('th', { scope: 'col' }, 'Customer'),
      h('th', { scope: 'col' }, 'Plan'),
      h('th', { scope: 'col' }, 'Owner'),
      h('th', { scope: 'col' }, 'Outcome'),
      h('th', { scope: 'col' }, 'Opened'),
      h('th', { scope: 'col' }, 'Closed'),
      h('th', { scope: 'col', class: 'ft-number' }, 'Duration'),
      h('th', { scope: 'col', class: 'ft-number' }, 'Promises kept'),
      h('th', { scope: 'col', class: 'ft-number' }, 'Promises broken'),
      h('th', { scope: 'col', class: 'ft-number' }, 'Rating'),
      h('th', { scope: 'col', class: 'ft-number' }, 'Version'))),
    h('tbody', null, page.cases.map((c) => h('tr', { 'data-reference': c.reference },
      h('th', { scope: 'row' }, h('a', { href: caseHistoryHref(c.reference), title: `History of case ${c.reference}` }, c.reference)),
      h('td', null, c.customerName),
      h('td', null, PLANS[c.plan] ?? c.plan),
      h('td', null, c.ownerName ?? c.owner ?? h('span', { class: 'text-muted' }, 'nobody')),
      h('td', null, outcomeLabel(c.outcome)),
      h('td', null, at(c.openedAt)),
      h('td', null, at(c.closedAt)),
      h('td', { class: 'ft-number' }, formatMinutes(c.durationMinutes)),
      h('td', { class: 'ft-number' }, formatCount(c.promisesKept)),
      h('td', { class: `ft-number ${c.promisesBroken ? 'ft-bad' : ''}` }, formatCount(c.promisesBroken)),
      h('td', { class: 'ft-number' }, c.rating ? `${formatCount(c.rating)} of 5` : h('span', { class: 'text-muted' }, 'none')),
      h('td', { class: 'ft-number' }, versionOf(c.processDefinitionId))))));
}

/** "SupportCase:3:8f1c…": the version of the process a case ran on. */
function versionOf(processDefinitionId) {
  return (processDefinitionId ?? '').split(':')[1] ?? '';
}

function pager(page, onPage) {
  const last = Math.min(page.first + page.cases.length, page.total);
  return h('nav', { class: 'ft-pager', 'aria-label': 'Pages of closed cases' },
    h('span', { class: 'ft-pager-position', role: 'status' },
      `Cases ${formatCount(page.first + 1)}–${formatCount(last)} of ${formatCount(page.total)}`),
    h('button', { type: 'button', class: 'btn btn-default btn-sm', disabled: page.first === 0,
      onclick: () => onPage(Math.max(0, page.first - PAGE_SIZE)) }, 'Previous'),
    h('button', { type: 'button', class: 'btn btn-default btn-sm', disabled: last >= page.total,
      onclick: () => onPage(page.first + PAGE_SIZE) }, 'Next'));
}

export default {
  id: 'closed-cases',
  pluginPoint: 'cockpit.processDefinition.runtime.tab',
  priority: 5,
  properties: { label: 'Closed cases' },

  render(node, { api, processDefinitionId }) {
    ensureStyles();
    const view = h('div', { class: 'ft-closed-cases-tab', 'aria-live': 'polite' });
    show(node, view);
    let definition;

    async function showPage(first) {
      view.setAttribute('aria-busy', 'true');
      show(view, loading('the closed cases'));
      try {
        definition ??= await processDefinition(api, processDefinitionId);
        if (definition.key !== SUPPORT_CASE) {
          show(view, note('Closed cases are listed for the support case process only.'));
          return;
        }
        // No period and no version: a case closed under an older version, or opened before this one was deployed
        // (the demo history), is a closed case all the same.
        const page = await getJson(insightsUrl('/cases'), { state: 'closed', first, max: PAGE_SIZE });
        if (!page.cases.length) {
          show(view, note(first === 0 ? 'No case is closed yet.' : 'There are no more closed cases.'));
          return;
        }
        show(view, casesTable(page, definition), pager(page, showPage));
      } catch (error) {
        show(view, failure(error, 'the closed cases'));
      } finally {
        view.removeAttribute('aria-busy');
      }
    }

    showPage(0);
  }
};
