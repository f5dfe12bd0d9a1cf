package sitefs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// write makes files under dir: path (with forward slashes) to content.
func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func link(t *testing.T, target, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, name); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
}

func open(t *testing.T, dir string) *FS {
	t.Helper()
	fsys, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fsys.Close() })
	return fsys
}

var plainSite = map[string]string{
	"site.toml":                    "title = \"x\"\n",
	"content/about.md":             "about\n",
	"content/opportunities/a.md":   "a\n",
	"content/opportunities/b/c.md": "c\n",
	"static/css/site.css":          "body{}\n",
	"templates/base.html":          "<html>\n",
}

// TestPlainSite: a site without links reads like any file system.
func TestPlainSite(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, plainSite)
	fsys := open(t, dir)
	var names []string
	for name := range plainSite {
		names = append(names, name)
	}
	if err := fstest.TestFS(fsys, names...); err != nil {
		t.Fatal(err)
	}
	sub, err := fs.Sub(fsys, "content")
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(sub, "about.md", "opportunities/a.md", "opportunities/b/c.md"); err != nil {
		t.Fatal(err)
	}
	if list := Check(fsys); len(list) > 0 {
		t.Errorf("Check on a site without links: %v", list)
	}
}

// TestSiteFolderMayBeALink: the folder given to Open is the user's own
// choice, and may be reached through a link.
func TestSiteFolderMayBeALink(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "real"), plainSite)
	link(t, "real", filepath.Join(dir, "site"))
	fsys := open(t, filepath.Join(dir, "site"))
	if data, err := fs.ReadFile(fsys, "content/opportunities/a.md"); err != nil || string(data) != "a\n" {
		t.Fatalf("got %q, %v", data, err)
	}
}

// TestRefusesLinks: no read goes through a symbolic link, whether it
// points outside the site or inside it, at a file or at a folder, and
// whatever part of the path it is.
func TestRefusesLinks(t *testing.T) {
	outside := t.TempDir()
	write(t, outside, map[string]string{"secret.txt": "SECRET\n", "folder/secret.txt": "SECRET\n"})
	dir := t.TempDir()
	write(t, dir, plainSite)
	write(t, dir, map[string]string{".git/config": "token = SECRET\n"})
	link(t, filepath.Join(outside, "secret.txt"), filepath.Join(dir, "static/env.txt"))
	link(t, "../.git", filepath.Join(dir, "static/docs"))
	link(t, "../site.toml", filepath.Join(dir, "content/copy.md"))
	link(t, filepath.Join(outside, "folder"), filepath.Join(dir, "content/opportunities/linked"))
	link(t, "nowhere", filepath.Join(dir, "templates/dangling.html"))
	fsys := open(t, dir)

	for _, c := range []struct{ name, link, target string }{
		{"static/env.txt", "static/env.txt", filepath.Join(outside, "secret.txt")},
		{"static/docs/config", "static/docs", "../.git"},
		{"static/docs", "static/docs", "../.git"},
		{"content/copy.md", "content/copy.md", "../site.toml"},
		{"content/opportunities/linked/secret.txt", "content/opportunities/linked", filepath.Join(outside, "folder")},
		{"templates/dangling.html", "templates/dangling.html", "nowhere"},
	} {
		check := func(op string, err error) {
			t.Helper()
			var refused *RefusedError
			switch {
			case err == nil:
				t.Errorf("%s(%s) went through the link", op, c.name)
			case !errors.Is(err, ErrSymlink) || !errors.As(err, &refused):
				t.Errorf("%s(%s): %v, want a RefusedError wrapping ErrSymlink", op, c.name, err)
			case refused.Path != c.link || refused.Target != c.target:
				t.Errorf("%s(%s): the link is %s (to %s), want %s (to %s)", op, c.name, refused.Path, refused.Target, c.link, c.target)
			case !strings.Contains(err.Error(), c.link+" is a symbolic link (to "+c.target+")") || !strings.Contains(err.Error(), "replace"):
				t.Errorf("%s(%s): %q does not name the link and say what to do", op, c.name, err)
			}
		}
		_, err := fs.ReadFile(fsys, c.name)
		check("ReadFile", err)
		f, err := fsys.Open(c.name)
		if err == nil {
			f.Close()
		}
		check("Open", err)
		_, err = fs.Stat(fsys, c.name)
		check("Stat", err)
		_, err = fs.ReadDir(fsys, c.name)
		check("ReadDir", err)
	}
	// Through a sub-tree, the error still names the link from the site
	// folder.
	static, err := fs.Sub(fsys, "static")
	if err != nil {
		t.Fatal(err)
	}
	var refused *RefusedError
	if _, err := fs.ReadFile(static, "env.txt"); !errors.As(err, &refused) || refused.Path != "static/env.txt" {
		t.Errorf("ReadFile through Sub: %v, want the link static/env.txt", err)
	}
	// Lstat and ReadLink look at a link without going through it.
	if info, err := fs.Lstat(fsys, "static/env.txt"); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Lstat: %v, %v", info, err)
	}
	if target, err := fs.ReadLink(fsys, "static/docs"); err != nil || target != "../.git" {
		t.Errorf("ReadLink: %q, %v", target, err)
	}
	if _, err := fs.Lstat(fsys, "static/docs/config"); !errors.Is(err, ErrSymlink) {
		t.Errorf("Lstat under a linked folder: %v, want ErrSymlink", err)
	}
	// A listing shows links as links.
	entries, err := fs.ReadDir(fsys, "static")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if (e.Name() == "env.txt" || e.Name() == "docs") && e.Type() != fs.ModeSymlink {
			t.Errorf("ReadDir: %s has type %v, want a link", e.Name(), e.Type())
		}
	}
	// The plain files are still there.
	if data, err := fs.ReadFile(fsys, "content/opportunities/b/c.md"); err != nil || string(data) != "c\n" {
		t.Errorf("plain file: %q, %v", data, err)
	}
}

// TestCannotEscape: names that are not plain paths inside the folder are
// refused.
func TestCannotEscape(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, plainSite)
	fsys := open(t, filepath.Join(dir, "content"))
	for _, name := range []string{"../site.toml", "/etc/passwd", "opportunities/../../site.toml", "", "a//b"} {
		if _, err := fs.ReadFile(fsys, name); err == nil {
			t.Errorf("ReadFile(%q) succeeded", name)
		}
	}
}

// TestCheck lists every link under the four inputs, and nothing else.
func TestCheck(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, plainSite)
	write(t, dir, map[string]string{"other/file": "x", ".git/config": "x"})
	link(t, "/etc/passwd", filepath.Join(dir, "static/passwd.txt"))
	link(t, "../.git", filepath.Join(dir, "content/_drafts/git"))
	link(t, "other", filepath.Join(dir, "templates/partials"))
	link(t, "/etc/passwd", filepath.Join(dir, "public/passwd")) // not an input: the output
	link(t, "/etc", filepath.Join(dir, "elsewhere"))
	fsys := open(t, dir)
	list := Check(fsys)
	var got []string
	for _, d := range list {
		got = append(got, d.String())
	}
	want := []string{
		"content/_drafts/git:1:1: content/_drafts/git is a symbolic link (to ../.git); tenders does not follow links, so that nothing outside the site can be published: replace the link with the file or folder itself",
		"static/passwd.txt:1:1: static/passwd.txt is a symbolic link (to /etc/passwd); tenders does not follow links, so that nothing outside the site can be published: replace the link with the file or folder itself",
		"templates/partials:1:1: templates/partials is a symbolic link (to other); tenders does not follow links, so that nothing outside the site can be published: replace the link with the file or folder itself",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Check:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, d := range list {
		if d.Severity.String() != "error" {
			t.Errorf("%v: severity %v, want error", d, d.Severity)
		}
	}

	// site.toml itself, and a whole input folder.
	dir = t.TempDir()
	write(t, dir, map[string]string{"real.toml": "x", "real/a.md": "x"})
	link(t, "real.toml", filepath.Join(dir, "site.toml"))
	link(t, "real", filepath.Join(dir, "content"))
	list = Check(open(t, dir))
	if len(list) != 2 || list[0].File != "content" || list[1].File != "site.toml" {
		t.Errorf("Check: %v, want content and site.toml", list)
	}
}

// TestCheckMapFS: Check works on any file system that reports links, such
// as the in-memory ones tests use.
func TestCheckMapFS(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":           {Data: []byte("x")},
		"static/env.txt":      {Data: []byte("/proc/self/environ"), Mode: fs.ModeSymlink},
		"content/about.md":    {Data: []byte("x")},
		"elsewhere/link.html": {Data: []byte("/etc/passwd"), Mode: fs.ModeSymlink},
	}
	list := Check(fsys)
	if len(list) != 1 || list[0].File != "static/env.txt" || !strings.Contains(list[0].Message, "(to /proc/self/environ)") {
		t.Errorf("Check: %v", list)
	}
}

// TestForget: after Forget, folders replaced since are read afresh.
func TestForget(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, plainSite)
	fsys := open(t, dir)
	if _, err := fs.ReadFile(fsys, "content/opportunities/a.md"); err != nil {
		t.Fatal(err)
	}
	opp := filepath.Join(dir, "content/opportunities")
	if err := os.Rename(opp, opp+".old"); err != nil {
		t.Fatal(err)
	}
	write(t, dir, map[string]string{"content/opportunities/a.md": "new\n"})
	fsys.Forget()
	if data, err := fs.ReadFile(fsys, "content/opportunities/a.md"); err != nil || string(data) != "new\n" {
		t.Errorf("after Forget: %q, %v", data, err)
	}
	// A folder replaced by a link is refused, even though it was read
	// through before.
	if err := os.Rename(opp, opp+".new"); err != nil {
		t.Fatal(err)
	}
	link(t, "opportunities.new", opp)
	fsys.Forget()
	if _, err := fs.ReadFile(fsys, "content/opportunities/a.md"); !errors.Is(err, ErrSymlink) {
		t.Errorf("folder now a link: %v, want ErrSymlink", err)
	}
}

// TestListingKept: a folder is listed once until Forget or WriteFile,
// which list it afresh, with the files' sizes as they are then.
func TestListingKept(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, plainSite)
	fsys := open(t, dir)
	names := func() []string {
		t.Helper()
		entries, err := fsys.ReadDir("content/opportunities")
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			info, err := e.Info()
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprintf("%s:%d", e.Name(), info.Size()))
		}
		return out
	}
	first := names()
	write(t, dir, map[string]string{"content/opportunities/b.md": "b\n"})
	if got := names(); !slices.Equal(got, first) {
		t.Errorf("listed again before Forget: %v, want %v", got, first)
	}
	fsys.Forget()
	if got := names(); !slices.Contains(got, "b.md:2") {
		t.Errorf("after Forget: %v, want b.md in it", got)
	}
	if err := fsys.WriteFile("content/opportunities/b.md", []byte("longer\n")); err != nil {
		t.Fatal(err)
	}
	if got := names(); !slices.Contains(got, "b.md:7") {
		t.Errorf("after WriteFile: %v, want b.md of 7 bytes", got)
	}
	// What ReadDir gives may be changed by the caller: the kept list stays.
	entries, _ := fsys.ReadDir("content/opportunities")
	entries[0] = nil
	if got := names(); len(got) != len(first)+1 {
		t.Errorf("after a caller changed its list: %v", got)
	}
}

// listing describes every entry under dir as an FS lists it: name, type,
// and a file's size and time (a folder's own time in its parent's listing
// is as it was first listed: nothing reads it).
func listing(t *testing.T, fsys *FS) []string {
	t.Helper()
	var out []string
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			out = append(out, name+"/")
			return nil
		}
		out = append(out, fmt.Sprintf("%s %v %d %d", name, d.Type(), info.Size(), info.ModTime().UnixNano()))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRefresh: after each change, told by name, the kept listings are
// those of a folder read afresh; a folder made or gone forgets them all.
func TestRefresh(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, plainSite)
	fsys := open(t, dir)
	listing(t, fsys)
	same := func(what string, names ...string) {
		t.Helper()
		fsys.Refresh(names)
		got := listing(t, fsys)
		fresh := open(t, dir)
		if want := listing(t, fresh); !slices.Equal(got, want) {
			t.Errorf("%s: listed\n%v\nread afresh\n%v", what, got, want)
		}
	}
	write(t, dir, map[string]string{"content/opportunities/a.md": "a longer\n"})
	same("changed", "content/opportunities/a.md")
	write(t, dir, map[string]string{"content/opportunities/0.md": "first\n", "content/opportunities/z.md": "last\n"})
	same("made", "content/opportunities/0.md", "content/opportunities/z.md")
	if err := os.Remove(filepath.Join(dir, "content/opportunities/0.md")); err != nil {
		t.Fatal(err)
	}
	same("gone", "content/opportunities/0.md")
	link(t, "a.md", filepath.Join(dir, "content/opportunities/.#a.md"))
	same("a link made", "content/opportunities/.#a.md")
	if list := Check(fsys); len(list) != 1 {
		t.Errorf("Check after the link: %v, want it reported", list)
	}
	write(t, dir, map[string]string{"content/events/e.md": "e\n"})
	same("a folder made", "content/events")
	if err := os.RemoveAll(filepath.Join(dir, "content/opportunities/b")); err != nil {
		t.Fatal(err)
	}
	same("a folder gone", "content/opportunities/b")
	same("nothing", "content/opportunities/never.md")
	// A change not told, then a name outside the site: all is read again.
	write(t, dir, map[string]string{"content/opportunities/untold.md": "u\n"})
	same("outside", "../elsewhere")
}

// TestConcurrent reads from many goroutines while folders are forgotten,
// for the race detector.
func TestConcurrent(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 40 {
		files[fmt.Sprintf("content/d%d/f%d.md", i%20, i)] = "x"
	}
	write(t, dir, files)
	fsys := open(t, dir)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for range 20 {
				for name := range files {
					if _, err := fs.ReadFile(fsys, name); err != nil {
						t.Error(err)
						return
					}
				}
				if g == 0 {
					fsys.Forget()
				}
			}
		})
	}
	wg.Wait()
}

// TestManyFolders: a site with more folders than handles kept open still
// reads, and keeps no more than maxHandles open.
func TestManyFolders(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range maxHandles + 50 {
		files[fmt.Sprintf("content/opportunities/f%03d/brief.md", i)] = "x"
	}
	write(t, dir, files)
	fsys := open(t, dir)
	for name := range files {
		if _, err := fs.ReadFile(fsys, name); err != nil {
			t.Fatal(err)
		}
	}
	fsys.s.mu.Lock()
	n := len(fsys.s.dirs)
	fsys.s.mu.Unlock()
	if n > maxHandles {
		t.Errorf("%d folders held open, more than %d", n, maxHandles)
	}
}
