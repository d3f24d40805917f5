// Cockpit dashboard plugin "Support insights": the support KPIs of GET /api/insights, filtered by period, plan,
// language and process version, with two hand-drawn charts. Read only: it offers no action.
import {
  LANGUAGES, PLANS, SUPPORT_CASE, ensureStyles, failure, formatCount, formatDate, formatDecimal, formatMinutes, formatMoney,
  formatPercent, getJson, h, insightsUrl, loading, show, stageLabel, svg
} from './insights-common.js';

const KPI_GROUPS = [
  {
    title: 'Cases',
    kpis: (i) => [
      kpi('cases.opened', 'Opened', formatCount(i.cases.opened)),
      kpi('cases.open', 'Still open', formatCount(i.cases.open)),
      kpi('cases.closed', 'Closed', formatCount(i.cases.closed))
    ]
  },
  {
    title: 'First response',
    kpis: (i) => [
      kpi('firstResponse.onTimePercent', 'On time', formatPercent(i.firstResponse.onTimePercent),
        `${formatCount(i.firstResponse.onTime)} of ${formatCount(i.firstResponse.measured)} cases`),
      kpi('firstResponse.medianMinutes', 'Median', formatMinutes(i.firstResponse.medianMinutes)),
      kpi('firstResponse.p90Minutes', '90% within', formatMinutes(i.firstResponse.p90Minutes))
    ]
  },
  {
    title: 'Next reply',
    kpis: (i) => [
      kpi('nextReply.onTimePercent', 'On time', formatPercent(i.nextReply.onTimePercent),
        `${formatCount(i.nextReply.onTime)} of ${formatCount(i.nextReply.measured)} messages`),
      kpi('nextReply.medianMinutes', 'Median', formatMinutes(i.nextReply.medianMinutes)),
      kpi('nextReply.p90Minutes', '90% within', formatMinutes(i.nextReply.p90Minutes))
    ]
  },
  {
    title: 'Resolution',
    kpis: (i) => [
      kpi('resolution.measured', 'Resolved', formatCount(i.resolution.measured)),
      kpi('resolution.medianMinutes', 'Median', formatMinutes(i.resolution.medianMinutes)),
      kpi('resolution.p90Minutes', '90% within', formatMinutes(i.resolution.p90Minutes))
    ]
  },
  {
    title: 'Promises',
    kpis: (i) => [
      kpi('promises.keptPercent', 'Kept', formatPercent(i.promises.keptPercent),
        `${formatCount(i.promises.kept)} of ${formatCount(i.promises.kept + i.promises.broken)} due`),
      kpi('promises.made', 'Made', formatCount(i.promises.made)),
      kpi('promises.broken', 'Broken', formatCount(i.promises.broken)),
      kpi('promises.open', 'Not yet due', formatCount(i.promises.open)),
      kpi('promises.cancelled', 'Cancelled', formatCount(i.promises.cancelled))
    ]
  },
  {
    title: 'Escalations',
    kpis: (i) => [
      kpi('escalations.toSpecialists', 'To specialists', formatCount(i.escalations.toSpecialists)),
      kpi('escalations.toSupervisors', 'To supervisors', formatCount(i.escalations.toSupervisors)),
      kpi('escalations.toAdministrators', 'To administrators', formatCount(i.escalations.toAdministrators))
    ]
  },
  {
    title: 'Reimbursements',
    kpis: (i) => [
      kpi('reimbursements.offeredProactively', 'Offered without asking',
        formatCount(i.reimbursements.offeredProactively)),
      kpi('reimbursements.requestedByCustomer', 'Asked for by the customer',
        formatCount(i.reimbursements.requestedByCustomer)),
      kpi('reimbursements.approved', 'Approved', formatCount(i.reimbursements.approved)),
      kpi('reimbursements.declined', 'Declined', formatCount(i.reimbursements.declined)),
      kpi('reimbursements.amountOffered', 'Amount offered',
        formatMoney(i.reimbursements.amountOffered, i.reimbursements.currency))
    ]
  },
  {
    title: 'Discount requests',
    kpis: (i) => [
      'requested' in i.discountRequests
        ? kpi('discountRequests.requested', 'Requested', formatCount(i.discountRequests.requested)) : null,
      kpi('discountRequests.traced', 'Traced', formatCount(i.discountRequests.traced))
    ]
  },
  {
    title: 'Satisfaction',
    kpis: (i) => [
      kpi('satisfaction.averageRating', 'Average rating', formatDecimal(i.satisfaction.averageRating), 'of 5'),
      kpi('satisfaction.surveysSent', 'Surveys sent', formatCount(i.satisfaction.surveysSent)),
      kpi('satisfaction.answered', 'Answered', formatCount(i.satisfaction.answered))
    ]
  },
  {
    title: 'Last chance calls',
    kpis: (i) => [
      kpi('lastChance.calls', 'Calls', formatCount(i.lastChance.calls)),
      kpi('lastChance.stays', 'Customer stays', formatCount(i.lastChance.stays)),
      kpi('lastChance.leaves', 'Customer leaves', formatCount(i.lastChance.leaves)),
      kpi('lastChance.noAnswer', 'No answer', formatCount(i.lastChance.noAnswer))
    ]
  }
];

function kpi(path, label, value, detail) {
  return h('div', { class: 'ft-kpi' },
    h('dt', null, label),
    h('dd', { class: 'ft-kpi-value', 'data-kpi': path }, value),
    detail ? h('dd', { class: 'ft-kpi-detail' }, detail) : null);
}

function kpiGroups(insights) {
  return h('div', { class: 'ft-kpi-groups' }, KPI_GROUPS.map((group) =>
    h('div', { class: 'ft-kpi-group', role: 'group', 'aria-label': group.title },
      h('h3', null, group.title),
      h('dl', { class: 'ft-kpis' }, group.kpis(insights)))));
}

// --- charts --------------------------------------------------------------------------------------------------------

/** Horizontal bars, one per row, with the number at the end of each bar; the figure's label reads them out too. */
function barChart(id, caption, rows, emptyText) {
  const labelledBy = `${id}-caption`;
  if (!rows.length || rows.every((row) => !row.value)) {
    return h('figure', { class: 'ft-chart', 'aria-labelledby': labelledBy },
      h('figcaption', { id: labelledBy }, caption),
      h('p', { class: 'text-muted' }, emptyText));
  }
  const rowHeight = 26;
  const labelWidth = 190;
  const barArea = 300;
  const width = labelWidth + barArea + 60;
  const height = rows.length * rowHeight + 6;
  const max = Math.max(...rows.map((row) => row.value), 1);
  const spoken = `${caption}: ${rows.map((row) => `${row.label} ${formatCount(row.value)}`).join(', ')}`;
  return h('figure', { class: 'ft-chart', 'data-chart': id },
    h('figcaption', { id: labelledBy }, caption),
    svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': spoken },
      rows.map((row, index) => {
        const y = index * rowHeight + 3;
        const barWidth = Math.max(row.value ? 2 : 0, (row.value / max) * barArea);
        return svg('g', { class: `ft-bar ${row.tone ?? ''}` },
          svg('text', { x: labelWidth - 8, y: y + 16, 'text-anchor': 'end', class: 'ft-bar-label' }, row.label),
          svg('rect', { x: labelWidth, y: y + 3, width: barWidth, height: rowHeight - 8, rx: 2 }),
          svg('text', { x: labelWidth + barWidth + 6, y: y + 16, class: 'ft-bar-value' }, formatCount(row.value)));
      })));
}

function openCasesByStage(insights) {
  const rows = (insights.cases.byStage ?? []).map((stage) => ({ label: stageLabel(stage.stage), value: stage.cases }));
  return barChart('open-cases-by-stage', 'Open cases by stage', rows, 'No case is open.');
}

function ratings(insights) {
  const given = insights.satisfaction.ratings ?? {};
  const rows = ['5', '4', '3', '2', '1'].map((stars) => ({
    label: `${stars} ${stars === '1' ? 'star' : 'stars'}`,
    value: given[stars] ?? 0,
    tone: Number(stars) <= 2 ? 'ft-bar-poor' : ''
  }));
  return barChart('satisfaction-ratings', 'Satisfaction ratings', rows, 'No survey was answered.');
}

function brokenPromisesByOwner(insights) {
  const owners = insights.promises.brokenByOwner ?? [];
  return h('div', { class: 'ft-chart' },
    h('h4', { id: 'ft-broken-by-owner' }, 'Broken promises by owner'),
    owners.length
      ? h('table', { class: 'table table-condensed cam-table ft-table', 'aria-labelledby': 'ft-broken-by-owner' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Owner'), h('th', { scope: 'col', class: 'ft-number' }, 'Broken'))),
        h('tbody', null, owners.map((owner) => h('tr', null,
          h('td', null, owner.name || owner.owner),
          h('td', { class: 'ft-number' }, formatCount(owner.broken))))))
      : h('p', { class: 'text-muted' }, 'No promise was broken.'));
}

/** C: "find out who in your company is offering the discount": where the requests were heard, and by whom. */
function discountRequestsBySource(insights) {
  const sources = insights.discountRequests.bySource ?? [];
  return h('div', { class: 'ft-chart' },
    h('h4', { id: 'ft-discounts-by-source' }, 'Discount requests by step and agent'),
    sources.length
      ? h('table', { class: 'table table-condensed cam-table ft-table', 'aria-labelledby': 'ft-discounts-by-source' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Step'), h('th', { scope: 'col' }, 'Heard by'),
          h('th', { scope: 'col', class: 'ft-number' }, 'Requests'))),
        h('tbody', null, sources.map((source) => h('tr', null,
          h('td', null, source.stepName || source.step),
          h('td', null, source.name || source.recordedBy),
          h('td', { class: 'ft-number' }, formatCount(source.requests))))))
      : h('p', { class: 'text-muted' }, 'No customer asked for a discount.'));
}

// --- the filter ----------------------------------------------------------------------------------------------------

function select(id, label, options) {
  return h('div', { class: 'form-group' },
    h('label', { for: id }, label),
    h('select', { id, name: id.replace('ft-filter-', ''), class: 'form-control input-sm' },
      options.map(([value, text]) => h('option', { value }, text))));
}

function dateInput(id, label) {
  return h('div', { class: 'form-group' },
    h('label', { for: id }, label),
    h('input', { id, name: id.replace('ft-filter-', ''), type: 'date', class: 'form-control input-sm' }));
}

function filterForm(onApply, onReset) {
  const form = h('form', { class: 'form-inline ft-filter', 'aria-label': 'Filter the support insights' },
    dateInput('ft-filter-from', 'Opened from'),
    dateInput('ft-filter-to', 'to'),
    select('ft-filter-plan', 'Plan', [['', 'All plans'], ...Object.entries(PLANS)]),
    select('ft-filter-language', 'Language', [['', 'All languages'], ...Object.entries(LANGUAGES)]),
    select('ft-filter-processVersion', 'Process version', [['', 'All versions']]),
    h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, 'Show'),
    h('button', { type: 'button', class: 'btn btn-default btn-sm', onclick: onReset },
      'Today and the 30 days before, no filter'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onApply(Object.fromEntries(new FormData(form)));
  });
  return form;
}

/** The versions of the support case process, newest first, for the version filter. */
async function offerVersions(api, form) {
  const versions = form.querySelector('#ft-filter-processVersion');
  try {
    const definitions = await getJson(`${api.engineApi}/process-definition`,
      { key: SUPPORT_CASE, sortBy: 'version', sortOrder: 'desc' });
    versions.append(...definitions.map((d) => h('option', { value: d.version }, `Version ${d.version}`)));
  } catch (notReadable) {
    // Without read access to the definitions the filter offers all versions only; the KPIs say why if relevant.
  }
}

function showFilter(form, filter) {
  for (const [name, value] of Object.entries(filter ?? {})) {
    const field = form.elements.namedItem(name);
    if (field) {
      field.value = value ?? '';
    }
  }
}

// --- the plugin ----------------------------------------------------------------------------------------------------

/** The days are the support team's: a case opened at 23:30 in its zone counts on that day, wherever the reader is. */
function period(filter, timeZone) {
  return `Cases opened from ${formatDate(filter.from)} to ${formatDate(filter.to)}`
    + ` (days in the support team's zone, ${timeZone})`
    + [filter.plan && `, plan ${PLANS[filter.plan] ?? filter.plan}`,
      filter.language && `, in ${LANGUAGES[filter.language] ?? filter.language}`,
      filter.processVersion && `, process version ${filter.processVersion}`].filter(Boolean).join('');
}

export default {
  id: 'support-insights',
  pluginPoint: 'cockpit.dashboard',
  priority: 10,
  properties: { label: 'Support insights' },

  render(node, { api }) {
    ensureStyles();
    const result = h('div', { class: 'ft-insights-result', 'aria-live': 'polite' });
    const summary = h('p', { class: 'ft-period' });
    let latest = 0;

    async function load(params) {
      const request = ++latest;
      result.setAttribute('aria-busy', 'true');
      show(result, loading('the support insights'));
      try {
        const insights = await getJson(insightsUrl(), params);
        if (request !== latest) {
          return;
        }
        showFilter(form, insights.filter);
        summary.textContent = `${period(insights.filter, insights.timeZone)}.`;
        show(result,
          kpiGroups(insights),
          h('div', { class: 'ft-charts' }, openCasesByStage(insights), ratings(insights), brokenPromisesByOwner(insights),
            discountRequestsBySource(insights)));
      } catch (error) {
        if (request === latest) {
          summary.textContent = '';
          form.hidden = error.status === 403; // no filter can change that
          show(result, failure(error, 'the support insights'));
        }
      } finally {
        if (request === latest) {
          result.removeAttribute('aria-busy');
        }
      }
    }

    const form = filterForm(load, () => load({}));
    show(node, h('div', { class: 'ft-insights', role: 'region', 'aria-labelledby': 'ft-insights-title' },
      h('h2', { id: 'ft-insights-title' }, 'Support insights'),
      summary, form, result));
    offerVersions(api, form).finally(() => load({}));
  }
};
