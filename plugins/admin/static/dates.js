// Dates as a German editor types them, and as the files keep them.
//
// The form shows and takes `20.05.2026 18:00` (day, month, year; 24 hours),
// whatever language the browser speaks; the file gets the content contract's
// `2026-05-20 18:00`. What cannot be read is kept as typed, so the check
// below can say what is wrong instead of the form dropping it.
//
// Modes: "day" (a calendar day), "when" (a day, or a day and a time),
// "partial" (a year, a month or a day: `2016`, `11.2016`, `10.02.2017`).

const ISO = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?: (\d{2}):(\d{2}))?$/;
const GERMAN = /^(?:(\d{1,2})\.)?(?:(\d{1,2})\.)?(\d{4})(?:[ ,]+(\d{1,2})[:.](\d{2}))?$/;
const YEAR_ONLY = /^\d{4}$/;

function two(number) {
  return String(number).padStart(2, "0");
}

/** The value of a file as the form shows it ("" for nothing). */
export function shown(value, mode) {
  if (value === null || value === undefined) return "";
  const text = String(value).trim();
  if (mode === "partial" && YEAR_ONLY.test(text)) return text;
  const match = ISO.exec(text);
  if (!match) return text;
  const [, year, month, day, hour, minute] = match;
  if (!day) return mode === "partial" ? `${month}.${year}` : text;
  const date = `${day}.${month}.${year}`;
  return hour === undefined ? date : `${date} ${hour}:${minute}`;
}

/**
 * What the file gets for the text typed into the form: the contract's
 * spelling when the text reads as a date of this mode, else the text as
 * typed (checked and reported by `dateProblem`). Single digits are fine
 * (`1.3.2027 9:30`); the contract's own spelling is accepted too.
 */
export function stored(text, mode) {
  const value = String(text ?? "").trim();
  if (value === "" || ISO.test(value)) return value;
  const match = GERMAN.exec(value);
  if (!match) return value;
  const [, first, second, year, hour, minute] = match;
  let day = first;
  let month = second;
  if (second === undefined) {
    // One number before the year: a month (11.2016) where a month may stand alone.
    if (first === undefined) return mode === "partial" ? year : value;
    if (mode !== "partial") return value;
    month = first;
    day = undefined;
  }
  if (hour !== undefined && (mode !== "when" || day === undefined)) return value;
  let result = `${year}-${two(month)}`;
  if (day !== undefined) result += `-${two(day)}`;
  if (hour !== undefined) result += ` ${two(hour)}:${minute}`;
  return result;
}

function daysIn(year, month) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * What is wrong with a stored date value, or null: "format" (not a date of
 * this mode), "year" (outside `first`–`last`), "day" (not in the calendar:
 * 31.02.), "time" (25:00).
 */
export function dateProblem(value, mode, first = 1900, last = 2199) {
  const text = String(value ?? "").trim();
  if (text === "") return null;
  if (mode === "partial" && YEAR_ONLY.test(text)) {
    const year = Number(text);
    return year < first || year > last ? "year" : null;
  }
  const match = ISO.exec(text);
  if (!match) return "format";
  const [, year, month, day, hour, minute] = match;
  if (day === undefined && mode !== "partial") return "format";
  if (hour !== undefined && mode !== "when") return "format";
  if (Number(year) < first || Number(year) > last) return "year";
  if (Number(month) < 1 || Number(month) > 12) return "day";
  if (day !== undefined && (Number(day) < 1 || Number(day) > daysIn(Number(year), Number(month)))) {
    return "day";
  }
  if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59)) return "time";
  return null;
}

