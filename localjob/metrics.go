package localjob

import (
	"bytes"
	"encoding/json"
	"sync"
)

// MetricTotals adds up the counts of the CloudWatch embedded-metric-format
// lines the function writes (one per invocation, from the generated
// runtime), as CloudWatch would extract them from its logs.
type MetricTotals struct {
	mu sync.Mutex
	t  Totals
}

// Totals are the sums of the metrics lines read so far.
type Totals struct {
	Lines            int // metrics lines read
	Succeeded        int
	TemporaryFailure int
	PermanentFailure int
}

// Totals returns the sums so far.
func (m *MetricTotals) Totals() Totals {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.t
}

// Writer returns a writer for one process's output: it splits it into
// lines and reads those with an "_aws" member. Each process needs its own,
// so that lines of different processes never mix.
func (m *MetricTotals) Writer() *metricsWriter { return &metricsWriter{m: m} }

type metricsWriter struct {
	m    *MetricTotals
	line []byte // the unfinished line
}

// maxLine bounds a line kept while waiting for its end.
const maxLine = 1 << 20

func (w *metricsWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			if len(w.line)+len(p) <= maxLine {
				w.line = append(w.line, p...)
			}
			break
		}
		w.line = append(w.line, p[:i]...)
		w.m.add(w.line)
		w.line = w.line[:0]
		p = p[i+1:]
	}
	return n, nil
}

// add adds line if it is a metrics line.
func (m *MetricTotals) add(line []byte) {
	if !bytes.Contains(line, []byte(`"_aws"`)) {
		return
	}
	var v struct {
		AWS              *json.RawMessage `json:"_aws"`
		Succeeded        int
		TemporaryFailure int
		PermanentFailure int
	}
	if json.Unmarshal(line, &v) != nil || v.AWS == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.t.Lines++
	m.t.Succeeded += v.Succeeded
	m.t.TemporaryFailure += v.TemporaryFailure
	m.t.PermanentFailure += v.PermanentFailure
}
