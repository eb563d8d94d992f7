// Placeholder for Steward's Node preload (helper B writes the real one at this path; the lead merges).
// Loaded through NODE_OPTIONS="--require <this file>" in programs with sockets=; does nothing yet.
