#!/bin/bash
# Every widget of the TUI, through the gallery (gallery.c) on the real
# frontend: UTF-8 editing with cursor keys, a long paste that scrolls
# sideways, the masked secret with F3 and Ctrl-Y (OSC 52), digits only,
# path completion, checklist and choice, the status table with marks and a
# wrapped last column, scrolling with PgDn, an error with its ✗ mark; the
# result step shows that the edits reached the steps. Then the ASCII
# fallback of the marks when the locale is not UTF-8.
. "$(dirname "$0")/harness.sh"
e2e_setup
files="$E2E_DIR/files"
mkdir -p "$files"
touch "$files/report-2024.gcn" "$files/report-2025.gcn" "$files/unique.zip"
E2E_PROGRAM=$E2E_GALLERY

e2e_start 80 24 -- all test
e2e_wait "Gallery of widgets"
e2e_wait_row 1 "■ TEST ■"
e2e_wait_row 1 "step 1 of 5"

# Enter continues from any field; the step's check says what is missing
# (the name), and the focus stays where it was
e2e_keys Enter
e2e_wait "✗ Name is empty."
e2e_wait "▸ Name"
e2e_wait "Type a name in the first field."
# switching the language rebuilds the step but keeps the error on screen
e2e_keys F2
e2e_wait "Enter Verder"
e2e_wait "✗ Name is empty."
e2e_keys F2
e2e_wait "Enter Next"

# edit UTF-8 text in the first field
e2e_type "Zoë Ångström"
e2e_keys Left Left Left
e2e_type "X"
e2e_keys Home
e2e_type "_"
e2e_keys End BSpace
e2e_wait "_Zoë ÅngstXrö"
e2e_wait_gone "Name is empty."   # the error goes once the user acts

# the secret: masked, F3 shows and hides, Ctrl-Y copies through OSC 52
e2e_keys Tab
e2e_type "s3cr3t-token"
e2e_wait "••••••••••••"
e2e_screen | grep -q "s3cr3t" && e2e_fail "secret shown in clear"
e2e_keys F3
e2e_wait "s3cr3t-token"
e2e_keys C-r
e2e_wait_gone "s3cr3t-token"
e2e_keys C-y
e2e_wait "Copied to the clipboard"
e2e_wait_clipboard "s3cr3t-token" "the secret"

# digits only
e2e_keys Tab
e2e_type "12a"
e2e_wait "Only digits go in this field."
e2e_type "3 4"
e2e_wait "   1234"

# a long paste scrolls sideways, Home shows the start
e2e_keys Tab
e2e_type "$(printf 'abcdefghij%.0s' {1..15})"
e2e_wait "‹hijabcdefghij"
e2e_keys Home
e2e_wait "abcdefghijabcd›"
# a bracketed paste (as terminals send it) with line breaks neither submits
# nor moves on: the breaks are dropped, the text lands in the field
e2e_keys End
e2e_tmux set-buffer -b kp "$(printf 'PA\nSTE')"
e2e_tmux paste-buffer -p -d -b kp -t "$E2E_SESSION"
e2e_wait "jPASTE"
e2e_screen | grep -q "▸ Note" || e2e_fail "the paste moved the focus"
e2e_keys BSpace BSpace BSpace BSpace BSpace

# path: Tab completes a unique name, lists several, Tab again picks
e2e_keys Tab
e2e_wait "Suggestions (Tab fills them in):"
e2e_type "$files/un"
e2e_keys Tab
e2e_wait "$files/unique.zip"
e2e_keys C-u
e2e_type "$files/rep"
e2e_keys Tab
e2e_wait "$files/report-202"
e2e_wait "  report-2024.gcn"
e2e_wait "  report-2025.gcn"
e2e_keys Tab
e2e_wait "$files/report-2024.gcn"
# the picked candidate is marked by a sign, not by reverse video alone
e2e_wait "› report-2024.gcn"
e2e_screen | grep -q "  report-2025.gcn" || e2e_fail "the other candidate lost its place"
e2e_keys Enter Enter
e2e_wait_row 2 "Choices"

# checklist (Space ticks) and choice (arrows)
e2e_keys Space Down Down Space Tab Down Down
e2e_wait "[x] Alpha"
e2e_wait "[x] Gamma"
e2e_wait "(•) Blue"
e2e_keys Enter
e2e_wait_row 2 "Table"

# table: marks, wrapped last column, scrolling
e2e_wait "✓ Token"
e2e_wait "! Certificate"
e2e_wait "✗ Connector"
e2e_wait "stops on the day it does"
e2e_wait "PgDn: more below"
e2e_screen | grep -q "LAST ROW" && e2e_fail "LAST ROW visible before scrolling"
e2e_keys NPage NPage NPage NPage NPage NPage NPage
e2e_wait "LAST ROW"
e2e_wait "PgUp: more above"
e2e_keys Enter
e2e_wait_row 2 "Task"
e2e_keys Enter
e2e_wait "Task finished: 200 rows." 20
e2e_keys Enter
e2e_wait_row 2 "Result"
e2e_wait "name=_Zoë ÅngstXrö"
e2e_wait "token_len=12"
e2e_wait "number=1234"
e2e_wait "file=$files/report-2024.gcn"
e2e_wait "note_len=150"
e2e_wait "items=alpha,beta,gamma"
e2e_wait "color=blue"
e2e_keys Enter
e2e_wait_exit
[ "$E2E_EXIT" = 0 ] || e2e_fail "finished flow should exit 0, got $E2E_EXIT"
e2e_check_terminal

# not UTF-8: ASCII marks and banner
rm -f "$(e2e_state)"
e2e_start 80 24 LANG=C -- table accept
e2e_wait "OK Token"
e2e_wait "!! Certificate"
e2e_wait "XX Connector"
e2e_wait_row 1 "* ACCEPT *"
e2e_keys F10
e2e_wait_exit
e2e_finish
