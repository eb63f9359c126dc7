/* tui_text.c — UTF-8 measuring, stepping and wrapping (see tui_text.h). */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "tui_text.h"

/* Decode one character at s (at most len bytes). Sets *wc and returns the
 * byte count; an undecodable byte gives 1 and *wc = -1. */
static size_t decode(const char *s, size_t len, wchar_t *wc)
{
	mbstate_t st;
	size_t n;

	memset(&st, 0, sizeof st);
	n = mbrtowc(wc, s, len, &st);
	if (n == (size_t)-1 || n == (size_t)-2) {
		*wc = (wchar_t)-1;
		return 1;
	}
	if (n == 0) { /* an embedded NUL: treat as one byte */
		*wc = 0;
		return 1;
	}
	return n;
}

/* Columns of one decoded character: undecodable and control characters show
 * as one replacement column; combining marks take none. */
static int char_width(wchar_t wc)
{
	int w;

	if (wc == (wchar_t)-1)
		return 1;
	w = wcwidth(wc);
	if (w < 0)
		return 1;
	return w;
}

int tui_text_width(const char *s, size_t len)
{
	size_t i = 0;
	int width = 0;
	wchar_t wc;

	while (i < len) {
		i += decode(s + i, len - i, &wc);
		width += char_width(wc);
	}
	return width;
}

size_t tui_text_fit(const char *s, size_t len, int width)
{
	size_t i = 0, n;
	int used = 0, w;
	wchar_t wc;

	while (i < len) {
		n = decode(s + i, len - i, &wc);
		w = char_width(wc);
		if (used + w > width)
			break;
		used += w;
		i += n;
	}
	return i;
}

size_t tui_text_next(const char *s, size_t len, size_t i)
{
	wchar_t wc;

	if (i >= len)
		return len;
	i += decode(s + i, len - i, &wc);
	/* keep combining marks with their base character */
	while (i < len) {
		size_t n = decode(s + i, len - i, &wc);
		if (wc == (wchar_t)-1 || wc == 0 || wcwidth(wc) != 0)
			break;
		i += n;
	}
	return i;
}

/* Start of the character that ends at i, ignoring combining marks. */
static size_t prev_one(const char *s, size_t i)
{
	size_t start = i - 1;
	wchar_t wc;

	while (start > 0 && ((unsigned char)s[start] & 0xC0) == 0x80 && i - start < 4)
		start--;
	if (decode(s + start, i - start, &wc) != i - start)
		start = i - 1; /* not a whole character: step one byte */
	return start;
}

size_t tui_text_prev(const char *s, size_t i)
{
	wchar_t wc;

	if (i == 0)
		return 0;
	i = prev_one(s, i);
	/* a combining mark belongs to the character before it */
	while (i > 0) {
		decode(s + i, strnlen(s + i, 8), &wc);
		if (wc == (wchar_t)-1 || wc == 0 || wcwidth(wc) != 0)
			break;
		i = prev_one(s, i);
	}
	return i;
}

size_t tui_text_chars(const char *s, size_t len)
{
	size_t i = 0, n = 0;
	wchar_t wc;

	while (i < len) {
		i += decode(s + i, len - i, &wc);
		n++;
	}
	return n;
}

/* Emit s[start..end) without trailing blanks. */
static void emit(tui_line_fn fn, void *ctx, const char *s, size_t start, size_t end)
{
	while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t'))
		end--;
	if (fn)
		fn(ctx, s + start, end - start);
}

int tui_text_wrap(const char *s, int width, tui_line_fn fn, void *ctx)
{
	size_t len = strlen(s), i = 0, line = 0, brk = 0;
	int lines = 0, col = 0;
	wchar_t wc;

	if (width < 1)
		width = 1;
	while (i < len) {
		if (s[i] == '\n') {
			emit(fn, ctx, s, line, i);
			lines++;
			i++;
			line = i;
			brk = 0;
			col = 0;
			continue;
		}
		size_t n = decode(s + i, len - i, &wc);
		int w = (s[i] == '\t') ? 1 : char_width(wc);
		if (s[i] == ' ' || s[i] == '\t')
			brk = i; /* last blank on this line: a place to break */
		if (col + w > width && col > 0) {
			size_t end;
			if (brk > line) {
				end = brk;
				i = brk;
			} else {
				end = i; /* a word longer than the line: split it */
			}
			emit(fn, ctx, s, line, end);
			lines++;
			while (i < len && (s[i] == ' ' || s[i] == '\t'))
				i++;
			line = i;
			brk = 0;
			col = 0;
			continue;
		}
		col += w;
		i += n;
	}
	if (line < len || lines == 0) {
		emit(fn, ctx, s, line, len);
		lines++;
	}
	return lines;
}

char *tui_text_base64(const unsigned char *in, size_t len)
{
	static const char tbl[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *out = malloc(4 * ((len + 2) / 3) + 1), *p;
	size_t i;

	if (!out)
		return NULL;
	p = out;
	for (i = 0; i + 2 < len; i += 3) {
		unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];
		*p++ = tbl[v >> 18 & 63];
		*p++ = tbl[v >> 12 & 63];
		*p++ = tbl[v >> 6 & 63];
		*p++ = tbl[v & 63];
	}
	if (i < len) {
		unsigned v = (unsigned)in[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)in[i + 1] << 8;
		*p++ = tbl[v >> 18 & 63];
		*p++ = tbl[v >> 12 & 63];
		*p++ = (i + 1 < len) ? tbl[v >> 6 & 63] : '=';
		*p++ = '=';
	}
	*p = '\0';
	return out;
}
