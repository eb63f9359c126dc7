/* tui_text.h — UTF-8 measuring, cursor stepping and word wrapping for the
 * curses frontend. No curses here, so the unit tests can reach it. Widths
 * come from wcwidth() in the current LC_CTYPE; bytes that do not decode
 * count as one column each, so a broken string never hangs the layout. */
#ifndef KOPPEL_TUI_TEXT_H
#define KOPPEL_TUI_TEXT_H

#include <stddef.h>

/* Display width in columns of the first len bytes of s. */
int tui_text_width(const char *s, size_t len);

/* How many bytes of s (at most len) fit in width columns, on a character
 * boundary. */
size_t tui_text_fit(const char *s, size_t len, int width);

/* Byte offset of the character after the one at i (skipping combining
 * marks that follow it); len when at the end. */
size_t tui_text_next(const char *s, size_t len, size_t i);

/* Byte offset of the character before i (including its combining marks);
 * 0 at the start. */
size_t tui_text_prev(const char *s, size_t i);

/* Number of characters (not bytes) in the first len bytes of s. */
size_t tui_text_chars(const char *s, size_t len);

/* Called once per wrapped line with the line's bytes (no trailing blanks,
 * no newline). */
typedef void (*tui_line_fn)(void *ctx, const char *line, size_t len);

/* Wrap s at spaces to lines of at most width columns; '\n' forces a break;
 * words longer than width are split. Returns the number of lines (an empty
 * string gives one empty line). fn may be NULL to only count. */
int tui_text_wrap(const char *s, int width, tui_line_fn fn, void *ctx);

/* For a terminal whose locale is not UTF-8: the first len bytes of the
 * UTF-8 string s with one ASCII character per character (→ '>', é 'e',
 * unknown '?'), so columns stay as measured. Writes at most outlen - 1
 * bytes and a NUL into out; returns the bytes written. */
size_t tui_text_ascii(const char *s, size_t len, char *out, size_t outlen);

/* Base64 (RFC 4648, with padding) of len bytes into a new string, for OSC 52.
 * NULL on out of memory. The caller wipes and frees it. */
char *tui_text_base64(const unsigned char *in, size_t len);

#endif
