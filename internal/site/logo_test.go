package site

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"testing"
)

func TestImageSize(t *testing.T) {
	var pngData, jpegData bytes.Buffer
	if err := png.Encode(&pngData, image.NewGray(image.Rect(0, 0, 300, 100))); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&jpegData, image.NewGray(image.Rect(0, 0, 90, 60)), nil); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, ext, data string
		w, h            float64
		ok              bool
	}{
		{"png", ".png", pngData.String(), 300, 100, true},
		{"jpeg", ".jpg", jpegData.String(), 90, 60, true},
		{"svg width and height", ".svg", `<svg xmlns="http://www.w3.org/2000/svg" width="234" height="48" viewBox="0 0 1 1"/>`, 234, 48, true},
		{"svg in px", ".svg", `<svg xmlns="http://www.w3.org/2000/svg" width="120px" height=" 40px "/>`, 120, 40, true},
		{"svg viewBox", ".svg", `<?xml version="1.0"?><!-- logo --><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 312 64"/>`, 312, 64, true},
		{"svg viewBox with commas, width in percent", ".svg", `<svg width="100%" viewBox="0,0,30,10"/>`, 30, 10, true},
		{"svg without a size", ".svg", `<svg xmlns="http://www.w3.org/2000/svg" width="10em"/>`, 0, 0, false},
		{"svg with a zero viewBox", ".svg", `<svg viewBox="0 0 0 10"/>`, 0, 0, false},
		{"not xml", ".svg", `not an image`, 0, 0, false},
		{"not a png", ".png", `<svg viewBox="0 0 3 1"/>`, 0, 0, false},
	} {
		w, h, ok := imageSize([]byte(tt.data), tt.ext)
		if w != tt.w || h != tt.h || ok != tt.ok {
			t.Errorf("%s: imageSize = %g, %g, %v; want %g, %g, %v", tt.name, w, h, ok, tt.w, tt.h, tt.ok)
		}
	}
}
