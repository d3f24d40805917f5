// Cockpit process definition tab "Closed cases": the closed support cases of this process version, newest first,
// from GET /api/insights/cases, each linking to its history view (case-history.js). Read only.
import {
  PLANS, SUPPORT_CASE, caseHistoryHref, ensureStyles, failure, formatCount, formatMinutes, getJson, h, insightsUrl,
  loading, note, outcomeLabel, processDefinition, show, time
} from './insights-common.js';

const PAGE_SIZE = 20;

function casesTable(page, definition) {
  const caption = `Closed cases of ${definition.name ?? definition.key}, version ${definition.version}, newest first`;
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
      h('th', { scope: 'col', class: 'ft-number' }, 'Rating'))),
    h('tbody', null, page.cases.map((c) => h('tr', { 'data-reference': c.reference },
      h('th', { scope: 'row' }, h('a', { href: caseHistoryHref(c.reference), title: `History of case ${c.reference}` }, c.reference)),
      h('td', null, c.customerName),
      h('td', null, PLANS[c.plan] ?? c.plan),
      h('td', null, c.owner ?? h('span', { class: 'text-muted' }, 'nobody')),
      h('td', null, outcomeLabel(c.outcome)),
      h('td', null, time(c.openedAt)),
      h('td', null, time(c.closedAt)),
      h('td', { class: 'ft-number' }, formatMinutes(c.durationMinutes)),
      h('td', { class: 'ft-number' }, formatCount(c.promisesKept)),
      h('td', { class: `ft-number ${c.promisesBroken ? 'ft-bad' : ''}` }, formatCount(c.promisesBroken)),
      h('td', { class: 'ft-number' }, c.rating ? `${formatCount(c.rating)} of 5` : h('span', { class: 'text-muted' }, 'none'))))));
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

/**
 * The insights count cases opened in a period, the last 30 days unless told otherwise; this version's cases were all
 * opened after it was deployed. A day early, so that no time zone between the browser's and the support team's
 * leaves a case out.
 */
async function deploymentDay(api, definition) {
  const deployment = await getJson(`${api.engineApi}/deployment/${encodeURIComponent(definition.deploymentId)}`);
  const day = new Date(`${deployment.deploymentTime.slice(0, 10)}T00:00:00Z`); // "2026-11-23T13:53:07.552+0000"
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
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
    let deployedOn;

    async function showPage(first) {
      view.setAttribute('aria-busy', 'true');
      show(view, loading('the closed cases'));
      try {
        definition ??= await processDefinition(api, processDefinitionId);
        if (definition.key !== SUPPORT_CASE) {
          show(view, note('Closed cases are listed for the support case process only.'));
          return;
        }
        deployedOn ??= await deploymentDay(api, definition);
        const page = await getJson(insightsUrl('/cases'),
          { processDefinitionId, state: 'closed', from: deployedOn, first, max: PAGE_SIZE });
        if (!page.cases.length) {
          show(view, note(first === 0
            ? `No case of version ${definition.version} is closed yet.`
            : 'There are no more closed cases.'));
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
