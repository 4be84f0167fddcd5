// Thin wrappers over libedit's variadic calls, which Swift cannot call directly.
#ifndef DIST_CEDITLINE_SHIM_H
#define DIST_CEDITLINE_SHIM_H
#include <stdio.h>
#include <histedit.h>

static inline FILE *dist_stdin(void) { return stdin; }
static inline FILE *dist_stdout(void) { return stdout; }
static inline FILE *dist_stderr(void) { return stderr; }

typedef char *(*dist_el_prompt_fn)(EditLine *);
typedef unsigned char (*dist_el_command_fn)(EditLine *, int);

static inline int dist_el_set_prompt(EditLine *e, dist_el_prompt_fn f) { return el_set(e, EL_PROMPT_ESC, f, '\1'); }
static inline int dist_el_set_editor(EditLine *e, const char *mode) { return el_set(e, EL_EDITOR, mode); }
static inline int dist_el_set_signal(EditLine *e, int on) { return el_set(e, EL_SIGNAL, on); }
static inline int dist_el_set_hist(EditLine *e, History *h) { return el_set(e, EL_HIST, history, h); }
static inline int dist_el_add_fn(EditLine *e, const char *name, const char *help, dist_el_command_fn f) {
    return el_set(e, EL_ADDFN, name, help, f);
}
static inline int dist_el_bind(EditLine *e, const char *key, const char *fn) {
    return el_set(e, EL_BIND, key, fn, NULL);
}
/// A custom character reader (libedit's EL_GETCFN): how the REPL waits on standard input and on
/// a wake-up pipe at once, so output can be shown while the prompt is up.
static inline int dist_el_set_getcfn(EditLine *e, el_rfunc_t f) { return el_set(e, EL_GETCFN, f); }
/// Puts the terminal in libedit's editing mode now (1) or back (0).
static inline int dist_el_prep_term(EditLine *e, int on) { return el_set(e, EL_PREP_TERM, on); }
/// Sets a terminal capability (`settc ic ""`); reads a string one (NULL if unknown).
static inline int dist_el_settc(EditLine *e, const char *cap, const char *value) { return el_set(e, EL_SETTC, cap, value, NULL); }
static inline const char *dist_el_gettc_string(EditLine *e, const char *cap) {
    const char *v = NULL;
    return el_get(e, EL_GETTC, cap, &v) == 0 ? v : NULL;
}
static inline int dist_el_set_clientdata(EditLine *e, void *d) { return el_set(e, EL_CLIENTDATA, d); }
static inline void *dist_el_get_clientdata(EditLine *e) {
    void *d = NULL;
    el_get(e, EL_CLIENTDATA, &d);
    return d;
}

static inline int dist_history_setsize(History *h, HistEvent *ev, int n) { return history(h, ev, H_SETSIZE, n); }
static inline int dist_history_setunique(History *h, HistEvent *ev, int on) { return history(h, ev, H_SETUNIQUE, on); }
static inline int dist_history_enter(History *h, HistEvent *ev, const char *line) { return history(h, ev, H_ENTER, line); }
static inline int dist_history_load(History *h, HistEvent *ev, const char *path) { return history(h, ev, H_LOAD, path); }
static inline int dist_history_save(History *h, HistEvent *ev, const char *path) { return history(h, ev, H_SAVE, path); }
/// The newest entry (H_FIRST) and the next older one (H_NEXT); the text is in `ev->str`.
static inline int dist_history_first(History *h, HistEvent *ev) { return history(h, ev, H_FIRST); }
static inline int dist_history_next(History *h, HistEvent *ev) { return history(h, ev, H_NEXT); }

#endif
