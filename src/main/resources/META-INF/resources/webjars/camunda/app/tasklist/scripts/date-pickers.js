/*
 * Follow-Through: date pickers that offer only the days the server takes, and write the day first.
 *
 * form-js 1.x (Tasklist 7.24) writes a date field in the browser's own date format, which for a browser set to US
 * English is mm/dd/yyyy: "04/05/2027" reads as the 4th of May to a European team. It has no option for the format,
 * and no latest date: its picker offers any day after today even where the server takes only the next 30 days (a
 * callback), so the agent learns it only from a refusal.
 *
 * This module makes form-js's "browser default" format day first (dd/mm/yyyy) where the browser would write US
 * English, and gives a date picker whose field says "at most N days ahead" (the callback form's help text, filled in
 * from the server's setting) that day as its latest: later days are greyed out and a later day typed in is not taken.
 */
const NativeDateTimeFormat = Intl.DateTimeFormat;

if (new NativeDateTimeFormat().resolvedOptions().locale === 'en-US') {
  // form-js asks for the locale 'default'; everything else gets the format it asks for.
  const DayFirst = function DateTimeFormat(locales, options) {
    const locale = locales === 'default' ? 'en-GB' : locales;
    return new NativeDateTimeFormat(locale, options);
  };
  DayFirst.prototype = NativeDateTimeFormat.prototype;
  DayFirst.supportedLocalesOf = NativeDateTimeFormat.supportedLocalesOf.bind(NativeDateTimeFormat);
  Intl.DateTimeFormat = DayFirst;
}

const AT_MOST_DAYS_AHEAD = /at most (\d+) days? ahead/i;

function latestDay(days) {
  const day = new Date();
  day.setHours(0, 0, 0, 0);
  day.setDate(day.getDate() + days);
  return day;
}

function limitPickers() {
  document.querySelectorAll('.fjs-form-field-datetime').forEach(field => {
    const description = field.querySelector('.fjs-form-field-description');
    const match = description && AT_MOST_DAYS_AHEAD.exec(description.textContent);
    if (!match) {
      return;
    }
    field.querySelectorAll('input').forEach(input => {
      const picker = input._flatpickr;
      if (!picker) {
        return;
      }
      const latest = latestDay(Number(match[1]));
      const set = picker.config.maxDate;
      if (!set || set.getTime() !== latest.getTime()) {
        picker.set('maxDate', latest);
        input.setAttribute('data-ft-latest-day', latest.toISOString());
      }
    });
  });
}

new MutationObserver(limitPickers).observe(document.documentElement, { childList: true, subtree: true });
