// Read calendar files with ical.js (Thunderbird's and many web calendars' parser)
// and print, as JSON, when each event starts and ends: seconds since the epoch
// for timed events (resolved with the file's own VTIMEZONE), "YYYY-MM-DD" for
// all-day events. Usage: node tests/ical_times.mjs FILE.ics...
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function moment(time) {
  if (time === null) return null;
  return time.isDate ? time.toString() : time.toUnixTime();
}

const events = [];
for (const file of process.argv.slice(2)) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf-8")));
  for (const component of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(component);
    const zone = component.getFirstProperty("dtstart").getParameter("tzid") ?? null;
    events.push({
      file,
      uid: event.uid,
      tzid: zone,
      start: moment(event.startDate),
      end: component.hasProperty("dtend") ? moment(event.endDate) : null,
    });
  }
}
process.stdout.write(JSON.stringify(events));
