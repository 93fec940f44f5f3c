// Package guidetest tests the guide «6 trinn fra undring til handling» (/veiviser/) and the
// relational-capacity self-assessment (/veiviser/relasjonell-kapasitet/) on the real bundled
// site: the content's step blocks, the pages without JavaScript, and, in headless Chromium, the
// stepper, the deadline, the privacy rules (memory only, no other origin), print and the chart.
//
// The tests build the repository's site once with build.Build into a temporary directory and serve
// it on 127.0.0.1 with the portal's security headers (the strict CSP). Set SAMVIRKE_SOURCE to
// build another site source instead of the repository root.
package guidetest
