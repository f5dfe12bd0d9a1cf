module github.com/london-anchors/tenders

go 1.26

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/gorilla/feeds v1.2.0
	github.com/rogpeppe/go-internal v1.16.0
	github.com/yuin/goldmark v1.8.7
)

require (
	github.com/fsnotify/fsnotify v1.10.1 // indirect
	golang.org/x/sys v0.37.0 // indirect
	golang.org/x/tools v0.38.0 // indirect
)
