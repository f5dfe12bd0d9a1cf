package site

// SetSpillBuffer sets how much a render's spill gathers before it writes
// its temporary file, and returns a function that sets it back.
func SetSpillBuffer(n int) (restore func()) {
	old := spillBuffer
	spillBuffer = n
	return func() { spillBuffer = old }
}
