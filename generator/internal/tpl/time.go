package tpl

import (
	"strings"
	"time"

	"github.com/gohugoio/locales"
	"github.com/gohugoio/locales/da"
	"github.com/gohugoio/locales/en"
	"github.com/gohugoio/locales/fi"
	"github.com/gohugoio/locales/nb"
	"github.com/gohugoio/locales/nn"
	"github.com/gohugoio/locales/se"
	"github.com/gohugoio/locales/sv"
	"github.com/spf13/cast"
)

// timeNS is Hugo's time namespace. Dates are formatted with the CLDR data of gohugoio/locales in
// the page's language, as Hugo formats them.
type timeNS struct{ e *Engine }

func (e *Engine) timeNamespace() namespace {
	ns := &timeNS{e: e}
	return namespace{name: "time", value: ns, aliases: map[string]any{
		"dateFormat": ns.Format,
		"now":        ns.Now,
	}}
}

// Format is dateFormat LAYOUT DATE. LAYOUT is a Go layout ("2006-01-02", "2. January 2006") whose
// month and weekday names are put in the page's language, or one of Hugo's locale layouts
// :date_full, :date_long, :date_medium, :date_short (and :time_…), which give the language's own
// pattern (nb: "mandag 5. oktober 2026", "5. oktober 2026", "5. okt. 2026", "05.10.2026").
// DATE is a time or a text such as "2026-10-05".
func (ns *timeNS) Format(layout string, v any) (string, error) {
	t, err := toTime(v)
	if err != nil {
		return "", err
	}
	return formatTime(ns.e.translator(), t, layout), nil
}

// Now returns the current time.
func (*timeNS) Now() time.Time { return time.Now() }

// toTime reads a date as Hugo does (cast.ToTimeInDefaultLocationE, in UTC).
func toTime(v any) (time.Time, error) {
	if t, ok := v.(time.Time); ok {
		return t, nil
	}
	return cast.ToTimeInDefaultLocationE(unwrapHTML(v), time.UTC)
}

// cldr holds the CLDR data of the languages a Nordic municipality may publish in: Hugo's data
// (gohugoio/locales, which Hugo loads through localescompressed with every other language too).
var cldr = map[string]func() locales.Translator{
	"nb": nb.New, "no": nb.New, "nn": nn.New, "da": da.New, "en": en.New,
	"se": se.New, "sv": sv.New, "fi": fi.New,
}

// translatorFor returns the CLDR data for lang, else for the fallback language, else English, as
// Hugo's langs.NewLanguage picks it.
func translatorFor(lang, fallback string) locales.Translator {
	for _, l := range []string{lang, fallback, "en"} {
		if f, ok := cldr[strings.ToLower(l)]; ok {
			return f()
		}
	}
	return en.New()
}

var (
	longDays    = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	shortDays   = []string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	longMonths  = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	shortMonths = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// formatTime is Hugo's htime.TimeFormatter.Format.
func formatTime(tr locales.Translator, t time.Time, layout string) string {
	if layout == "" {
		return ""
	}
	if layout[0] == ':' {
		switch strings.ToLower(layout[1:]) {
		case "date_full":
			return tr.FmtDateFull(t)
		case "date_long":
			return tr.FmtDateLong(t)
		case "date_medium":
			return tr.FmtDateMedium(t)
		case "date_short":
			return tr.FmtDateShort(t)
		case "time_full":
			return tr.FmtTimeFull(t)
		case "time_long":
			return tr.FmtTimeLong(t)
		case "time_medium":
			return tr.FmtTimeMedium(t)
		case "time_short":
			return tr.FmtTimeShort(t)
		}
	}
	s := t.Format(layout)
	if strings.Contains(layout, "January") {
		s = strings.ReplaceAll(s, longMonths[t.Month()-1], tr.MonthWide(t.Month()))
	} else if strings.Contains(layout, "Jan") {
		s = strings.ReplaceAll(s, shortMonths[t.Month()-1], tr.MonthAbbreviated(t.Month()))
	}
	if strings.Contains(layout, "Monday") {
		s = strings.ReplaceAll(s, longDays[t.Weekday()], tr.WeekdayWide(t.Weekday()))
	} else if strings.Contains(layout, "Mon") {
		s = strings.ReplaceAll(s, shortDays[t.Weekday()], tr.WeekdayAbbreviated(t.Weekday()))
	}
	return s
}
