package config

import (
	"fmt"
	"time"
)

// Public is the part of site.toml that a check of one pasted text needs:
// the [lint] settings with their defaults, and what a brief's checks look
// up (the site's address and timezone, the buyers' and topics' keys). The
// build writes it as JSON beside the page /check/, whose checker reads it
// back with Restore; nothing in it is secret, since the site shows all of
// it.
type Public struct {
	BaseURL  string           `json:"base_url"`
	Timezone string           `json:"timezone"`
	Lint     Lint             `json:"lint"`
	Buyers   map[string]Buyer `json:"buyers"`
	Topics   map[string]Topic `json:"topics"`
}

// Public returns the settings a pasted text is checked with.
func (c *Config) Public() Public {
	return Public{BaseURL: c.BaseURL, Timezone: c.Timezone, Lint: c.Lint, Buyers: c.Buyers, Topics: c.Topics}
}

// Restore makes a Config from settings that Public wrote. A timezone that
// cannot be loaded (a browser has no zone files) is read as zone, which
// may be nil for UTC; the site's address must be a full one.
func (p Public) Restore(zone *time.Location) (*Config, error) {
	c := &Config{BaseURL: p.BaseURL, Timezone: p.Timezone, Lint: p.Lint, Buyers: p.Buyers, Topics: p.Topics}
	if c.BaseURL == "" {
		c.BaseURL = "https://example.org/"
	}
	if msg := c.setBase(); msg != "" {
		return nil, fmt.Errorf("base_url %s", msg)
	}
	c.defaults()
	c.Location = zone
	if loc, err := time.LoadLocation(c.Timezone); err == nil {
		c.Location = loc
	}
	if c.Location == nil {
		c.Location = time.UTC
	}
	return c, nil
}
