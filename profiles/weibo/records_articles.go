package weibo

import (
	"slices"
	"strings"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/parsers/record"
	wb "github.com/farewell-app/farewell/parsers/weibo"
)

// articles makes one record per article whose body was kept, newest
// first, with its pictures.
func (r *records) articles() error {
	byID := map[string]record.Article{}
	err := r.Each(cArticles, func(f exporter.RawFile, body []byte) {
		if f.Meta.Kind != string(wb.KindArticle) {
			return
		}
		d, err := wb.DecodeArticle(body)
		r.Warn(f, err)
		if err != nil {
			return
		}
		a := wb.ArticleRecord(d, articleOf(f), f.Name)
		byID[a.ID] = a
	})
	if err != nil {
		return err
	}
	recs := make([]record.Article, 0, len(byID))
	for _, a := range byID {
		r.Fill(a.Media)
		recs = append(recs, a)
	}
	slices.SortFunc(recs, func(a, b record.Article) int {
		if c := strings.Compare(b.CreatedAt, a.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	out := make([]any, len(recs))
	for i := range recs {
		out[i] = recs[i]
	}
	return r.Write(cArticles, out)
}
