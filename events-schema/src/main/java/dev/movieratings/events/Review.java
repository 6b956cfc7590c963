package dev.movieratings.events;

/** A review's text, already trimmed and validated, and whether it reveals the plot. */
public record Review(String text, boolean spoiler) {}
