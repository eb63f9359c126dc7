/* test_tui_text.c — the TUI's UTF-8 measuring, cursor stepping, wrapping
 * and base64 (OSC 52): the parts of the frontend that need no terminal. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "../../src/tui/tui_text.h"

struct lines {
	char l[16][128];
	int n;
};

static void collect(void *ctx, const char *line, size_t len)
{
	struct lines *ls = ctx;

	if (ls->n < 16) {
		memcpy(ls->l[ls->n], line, len);
		ls->l[ls->n][len] = '\0';
	}
	ls->n++;
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(tui_text_width("abc", 3), 3);
	/* ë is two bytes, one column; a CJK character takes two columns */
	assert_int_equal(tui_text_width("Zoë", strlen("Zoë")), 3);
	assert_int_equal(tui_text_width("日本", strlen("日本")), 4);
	/* e + combining acute: one column */
	assert_int_equal(tui_text_width("e\xcc\x81", 3), 1);
	/* a broken byte still counts one column */
	assert_int_equal(tui_text_width("a\xff"
					"b",
					3),
			 3);
}

static void test_fit(void **state)
{
	const char *s = "日本語";

	(void)state;
	assert_int_equal(tui_text_fit("abcdef", 6, 4), 4);
	/* never half a wide character */
	assert_int_equal(tui_text_fit(s, strlen(s), 3), 3);
	assert_int_equal(tui_text_fit(s, strlen(s), 4), 6);
	assert_int_equal(tui_text_fit("Zoë", strlen("Zoë"), 3), strlen("Zoë"));
}

static void test_steps(void **state)
{
	const char *s = "aë€e\xcc\x81x"; /* a, ë(2), €(3), e+U+0301(3), x */
	size_t len = strlen(s), i;

	(void)state;
	i = tui_text_next(s, len, 0);
	assert_int_equal(i, 1);
	i = tui_text_next(s, len, i);
	assert_int_equal(i, 3);
	i = tui_text_next(s, len, i);
	assert_int_equal(i, 6);
	i = tui_text_next(s, len, i); /* the combining mark goes with its e */
	assert_int_equal(i, 9);
	i = tui_text_next(s, len, i);
	assert_int_equal(i, 10);
	assert_int_equal(tui_text_next(s, len, len), len);
	/* and back */
	assert_int_equal(tui_text_prev(s, 10), 9);
	assert_int_equal(tui_text_prev(s, 9), 6);
	assert_int_equal(tui_text_prev(s, 6), 3);
	assert_int_equal(tui_text_prev(s, 3), 1);
	assert_int_equal(tui_text_prev(s, 1), 0);
	assert_int_equal(tui_text_prev(s, 0), 0);
	assert_int_equal(tui_text_chars("Zoë", strlen("Zoë")), 3);
}

static void test_wrap(void **state)
{
	struct lines ls = {.n = 0};
	int n;

	(void)state;
	n = tui_text_wrap("the quick brown fox jumps", 10, collect, &ls);
	assert_int_equal(n, 3);
	assert_string_equal(ls.l[0], "the quick");
	assert_string_equal(ls.l[1], "brown fox");
	assert_string_equal(ls.l[2], "jumps");

	/* a word longer than the line is split; newline forces a break */
	memset(&ls, 0, sizeof ls);
	n = tui_text_wrap("abcdefghijkl\nxy", 5, collect, &ls);
	assert_int_equal(n, 4);
	assert_string_equal(ls.l[0], "abcde");
	assert_string_equal(ls.l[1], "fghij");
	assert_string_equal(ls.l[2], "kl");
	assert_string_equal(ls.l[3], "xy");

	/* a path longer than the line breaks after a '/', not inside a name */
	memset(&ls, 0, sizeof ls);
	n = tui_text_wrap("/home/anna/.config/koppel/koppel.json", 30, collect, &ls);
	assert_int_equal(n, 2);
	assert_string_equal(ls.l[0], "/home/anna/.config/koppel/");
	assert_string_equal(ls.l[1], "koppel.json");
	/* ... and after a blank first, when there is one */
	memset(&ls, 0, sizeof ls);
	n = tui_text_wrap("in /home/anna/.config/koppel/koppel.json", 30, collect, &ls);
	assert_int_equal(n, 3);
	assert_string_equal(ls.l[0], "in");
	assert_string_equal(ls.l[1], "/home/anna/.config/koppel/");
	assert_string_equal(ls.l[2], "koppel.json");

	/* but not when that leaves most of the row empty: a long URL fills it */
	memset(&ls, 0, sizeof ls);
	n = tui_text_wrap("https://127.0.0.1:41781/oauth/authorize?client_id=koppel-sandbox-"
			  "client&redirect_uri=http",
			  60, collect, &ls);
	assert_int_equal(n, 2);
	assert_int_equal(strlen(ls.l[0]), 60);

	/* widths, not bytes: 5 two-byte letters fit in 5 columns */
	memset(&ls, 0, sizeof ls);
	n = tui_text_wrap("ëëëëë ëë", 5, collect, &ls);
	assert_int_equal(n, 2);
	assert_string_equal(ls.l[0], "ëëëëë");
	assert_string_equal(ls.l[1], "ëë");

	/* empty text: one empty line; counting without a callback */
	assert_int_equal(tui_text_wrap("", 10, NULL, NULL), 1);
	assert_int_equal(tui_text_wrap("a b c d e f", 3, NULL, NULL), 3);
}

static void test_base64(void **state)
{
	char *b;

	(void)state;
	b = tui_text_base64((const unsigned char *)"s3cr3t-token", 12);
	assert_string_equal(b, "czNjcjN0LXRva2Vu");
	free(b);
	b = tui_text_base64((const unsigned char *)"ab", 2);
	assert_string_equal(b, "YWI=");
	free(b);
	b = tui_text_base64((const unsigned char *)"a", 1);
	assert_string_equal(b, "YQ==");
	free(b);
	b = tui_text_base64((const unsigned char *)"", 0);
	assert_string_equal(b, "");
	free(b);
}

/* A locale that is not UTF-8: one ASCII character per character, so the
 * columns measured there are the columns shown. */
static void test_ascii(void **state)
{
	char out[64];
	const char *s = "AFAS → a.s.r. geïmporteerd ✓ …";

	(void)state;
	assert_non_null(setlocale(LC_CTYPE, "C"));
	assert_int_equal(tui_text_ascii(s, strlen(s), out, sizeof out), 30);
	assert_string_equal(out, "AFAS > a.s.r. geimporteerd v .");
	assert_int_equal(tui_text_width(s, strlen(s)), 30);
	/* a truncated sequence is one unknown column, never a hang */
	assert_int_equal(tui_text_ascii("a\xe2\x86", 3, out, sizeof out), 3);
	assert_int_equal(tui_text_ascii(s, strlen(s), out, 5), 4);
	assert_string_equal(out, "AFAS");
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_width),  cmocka_unit_test(test_fit),
	    cmocka_unit_test(test_steps),  cmocka_unit_test(test_wrap),
	    cmocka_unit_test(test_base64), cmocka_unit_test(test_ascii),
	};

	/* widths come from wcwidth() in a UTF-8 locale */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		return 77;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
