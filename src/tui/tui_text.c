/* tui_text.c — UTF-8 measuring, stepping and wrapping (see tui_text.h). */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "tui_text.h"

/* UTF-8 by hand, for a locale that is not UTF-8 (LANG=C): our strings are
 * UTF-8 whatever the locale, and are shown there as one ASCII character
 * each (tui_text_ascii), so they must be measured as one column each. */
static size_t decode_utf8(const unsigned char *s, size_t len, wchar_t *wc)
{
	size_t n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 1;
	wchar_t c = n == 4 ? s[0] & 0x07 : n == 3 ? s[0] & 0x0f : n == 2 ? s[0] & 0x1f : s[0];

	if (n == 1 || n > len) {
		*wc = s[0] < 0x80 ? (wchar_t)s[0] : (wchar_t)-1;
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*wc = (wchar_t)-1;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	*wc = c;
	return n;
}

/* Decode one character at s (at most len bytes). Sets *wc and returns the
 * byte count; an undecodable byte gives 1 and *wc = -1. */
static size_t decode(const char *s, size_t len, wchar_t *wc)
{
	mbstate_t st;
	size_t n;

	if (MB_CUR_MAX == 1)
		return decode_utf8((const unsigned char *)s, len, wc);
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
	if (MB_CUR_MAX == 1) /* shown as one ASCII character */
		return wc >= 0x300 && wc < 0x370 ? 0 : 1;
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
	size_t cut = 0; /* after the last '/' on this line: where a path may break */
	int lines = 0, col = 0, cut_col = 0;
	wchar_t wc;

	if (width < 1)
		width = 1;
	while (i < len) {
		if (s[i] == '\n') {
			emit(fn, ctx, s, line, i);
			lines++;
			i++;
			line = i;
			brk = cut = 0;
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
			} else if (cut > line && cut < i && cut_col * 2 > width) {
				/* a path longer than the line: after a '/', unless that
				 * leaves most of the row empty (a long URL query) */
				end = cut;
				i = cut;
			} else {
				end = i; /* a word longer than the line: split it */
			}
			emit(fn, ctx, s, line, end);
			lines++;
			while (i < len && (s[i] == ' ' || s[i] == '\t'))
				i++;
			line = i;
			brk = cut = 0;
			col = 0;
			continue;
		}
		if (s[i] == '/') {
			cut = i + 1;
			cut_col = col + w;
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

/* One ASCII character for a non-ASCII one, keeping the column count. */
static char ascii_for(wchar_t wc)
{
	static const struct {
		wchar_t wc;
		char c;
	} map[] = {
	    {0x2192, '>'}, {0x2190, '<'}, {0x2191, '^'}, {0x2193, 'v'}, {0x2026, '.'},
	    {0x2022, '*'}, {0x25a0, '*'}, {0x25b8, '>'}, {0x2713, 'v'}, {0x2717, 'x'},
	    {0x00d7, 'x'}, {0x2014, '-'}, {0x2013, '-'}, {0x2018, '\''}, {0x2019, '\''},
	    {0x201c, '"'}, {0x201d, '"'}, {0x2039, '<'}, {0x203a, '>'}, {0x2588, '#'},
	    {0x2591, '-'}, {0x00b7, '.'}, {0x20ac, 'E'}, {0x00a0, ' '},
	};
	/* Latin-1 letters with accents: the letter without them */
	static const char latin1[] = "AAAAAAACEEEEIIII" "DNOOOOOxOUUUUYTs"
				     "aaaaaaaceeeeiiii" "dnooooo/ouuuuyty";

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].wc == wc)
			return map[i].c;
	if (wc >= 0xc0 && wc <= 0xff)
		return latin1[wc - 0xc0];
	return '?';
}

size_t tui_text_ascii(const char *s, size_t len, char *out, size_t outlen)
{
	size_t i = 0, o = 0;
	wchar_t wc;

	if (!outlen)
		return 0;
	while (i < len && o + 1 < outlen) {
		size_t n = decode_utf8((const unsigned char *)s + i, len - i, &wc);
		if (wc >= 0x300 && wc < 0x370) { /* a combining mark: nothing */
			i += n;
			continue;
		}
		out[o++] = wc >= 0 && wc < 0x80 ? (char)wc : ascii_for(wc);
		i += n;
	}
	out[o] = '\0';
	return o;
}
