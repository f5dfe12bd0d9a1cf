package brief_test

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/london-anchors/tenders/internal/brief"
)

// TestFindFilesSkipsLinks: a symbolic link among the content files is not
// listed, so it is never opened (sitefs.Check reports it).
func TestFindFilesSkipsLinks(t *testing.T) {
	fsys := fstest.MapFS{
		"secret.txt":                    {Data: []byte("SECRET")},
		"content/opportunities/a.md":    {Data: []byte("+++\n+++\n")},
		"content/opportunities/leak.md": {Data: []byte("../../secret.txt"), Mode: fs.ModeSymlink},
		"content/leak.md":               {Data: []byte("../secret.txt"), Mode: fs.ModeSymlink},
		"content/events/pipe.md":        {Mode: fs.ModeNamedPipe},
	}
	files, _ := brief.FindFiles(fsys)
	if len(files) != 1 || files[0].Path != "content/opportunities/a.md" {
		t.Errorf("FindFiles: %v, want only content/opportunities/a.md", files)
	}
}
