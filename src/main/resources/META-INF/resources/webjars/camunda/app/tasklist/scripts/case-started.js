/*
 * Follow-Through: the case reference at once, after "Start process".
 *
 * An agent who opens a case from Tasklist's start form is often still on the phone with the customer, and the caller
 * needs the case reference to quote later. Tasklist 7.24 only says that the process was started. The reference is the
 * started case's business key, in the answer to the start form's submission (POST .../submit-form); this module reads
 * it from that answer and shows it at the top of the page until the agent closes it or starts the next case.
 */
const START_FORM_SUBMISSION = /\/process-definition\/[^?#]+\/submit-form(?:[?#]|$)/;

let notice = null;

function show(reference) {
  if (notice) {
    notice.remove();
  }
  notice = document.createElement('div');
  notice.className = 'alert alert-success ft-case-started';
  notice.setAttribute('role', 'status');
  notice.setAttribute('aria-live', 'polite');
  // Below Tasklist's header, above the lists, clear of the form's buttons at the bottom.
  notice.style.cssText = 'position: fixed; top: 56px; left: 50%; transform: translateX(-50%); z-index: 1100;'
    + ' min-width: 320px; max-width: 90vw; box-shadow: 0 2px 8px rgba(0, 0, 0, 0.2);';
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'close';
  close.setAttribute('aria-label', 'Close');
  close.textContent = '×';
  close.addEventListener('click', () => {
    notice.remove();
    notice = null;
  });
  const heading = document.createElement('strong');
  heading.textContent = 'Case opened: ';
  const code = document.createElement('span');
  code.className = 'ft-case-reference';
  code.style.cssText = 'font-family: monospace; font-size: 1.2em; user-select: all;';
  code.textContent = reference;
  const hint = document.createElement('p');
  // The case goes to the agents of the language chosen on the start form, which need not be the agent's own.
  hint.textContent = 'Give the customer this reference. Its first task, "Listen to …", comes up in the team queue'
    + ' of the agents who speak the customer\'s language.';
  notice.append(close, heading, code, hint);
  document.body.append(notice);
}

function started(responseText) {
  try {
    const instance = JSON.parse(responseText);
    if (instance && typeof instance.businessKey === 'string' && instance.businessKey) {
      show(instance.businessKey);
    }
  } catch (notJson) {
    // not a started process instance: nothing to show
  }
}

// Tasklist's REST client sends the start form with XMLHttpRequest.
const open = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  if (String(method).toUpperCase() === 'POST' && START_FORM_SUBMISSION.test(String(url))) {
    this.addEventListener('load', () => {
      if (this.status >= 200 && this.status < 300) {
        started(this.responseText);
      }
    });
  }
  return open.call(this, method, url, ...rest);
};

// And in case a later Tasklist sends it with fetch.
const fetchOriginal = window.fetch;
if (fetchOriginal) {
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : input && input.url;
    const method = (init && init.method) || (input && input.method) || 'GET';
    const answer = fetchOriginal.apply(this, arguments);
    if (String(method).toUpperCase() === 'POST' && START_FORM_SUBMISSION.test(String(url))) {
      answer.then(response => {
        if (response.ok) {
          response.clone().text().then(started, () => {});
        }
      }, () => {});
    }
    return answer;
  };
}
