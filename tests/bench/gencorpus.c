/*
 * gencorpus [-s SECTIONS] [-l] N DIR — write a deterministic benchmark
 * corpus of N pages.
 *
 * The same Markdown text is written three times: as a tebiki project with
 * a minimal theme (DIR/tebiki), as a Hugo project with the equivalent
 * minimal layout (DIR/hugo), so `make bench` can compare the two
 * generators on identical input and templates, and as a tebiki project on
 * tebiki's default theme (DIR/tebiki-default), to see what the theme
 * costs.  The text is mixed Japanese and ASCII (headings, paragraphs,
 * lists, a GFM table, fenced code, inline code, emphasis), about 2–3 KB a
 * page (-l: about 4–5 KB), drawn from a fixed-seed PRNG: the same
 * arguments always give the same bytes.  Pages go round-robin into
 * SECTIONS sections s00, s01… (default 10; -s 1 puts them all in one, so
 * one list page links them all).
 *
 * C99 plus POSIX mkdir; no other dependencies.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define MAXSECTIONS 10
#define NTAGS 30

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- deterministic PRNG (splitmix64) ---------------------------------- */

static uint64_t rng_state = 0x7465622d62656e63ULL; /* "teb-benc" */

static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* uniform-ish in [0, n) */
static unsigned rnd(unsigned n)
{
    return (unsigned)(rng_next() % n);
}

/* in [lo, hi] */
static unsigned rnd_range(unsigned lo, unsigned hi)
{
    return lo + rnd(hi - lo + 1);
}

#define PICK(a) ((a)[rnd(COUNT(a))])

/* ---- growable buffer -------------------------------------------------- */

struct buf {
    char *p;
    size_t len, cap;
};

static void die(const char *fmt, ...)
{
    va_list ap;
    fputs("gencorpus: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static void buf_reserve(struct buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p)
        die("out of memory");
    b->p = p;
    b->cap = cap;
}

static void bputs(struct buf *b, const char *s)
{
    size_t n = strlen(s);
    buf_reserve(b, n);
    memcpy(b->p + b->len, s, n + 1);
    b->len += n;
}

static void bprintf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        die("vsnprintf failed");
    buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* ---- files ------------------------------------------------------------ */

static void mkdir_p(const char *path)
{
    char tmp[4096];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof tmp)
        die("bad path '%s'", path);
    memcpy(tmp, path, n + 1);
    for (char *q = tmp + 1; *q; q++) {
        if (*q != '/')
            continue;
        *q = '\0';
        if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
            die("mkdir %s: %s", tmp, strerror(errno));
        *q = '/';
    }
    if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
        die("mkdir %s: %s", tmp, strerror(errno));
}

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        die("%s: %s", path, strerror(errno));
    if (len && fwrite(data, 1, len, f) != len)
        die("%s: write failed", path);
    if (fclose(f) != 0)
        die("%s: %s", path, strerror(errno));
}

static void write_str(const char *dir, const char *name, const char *text)
{
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof path)
        die("path too long");
    write_file(path, text, strlen(text));
}

/* ---- vocabulary ------------------------------------------------------- */

static const char *const nouns[] = {
    "パスワード", "電子メール", "ノートパソコン", "取引先の情報", "顧客名簿",
    "共有フォルダ", "無線LAN", "バックアップ", "ウイルス対策ソフト", "事務所の鍵",
    "USBメモリ", "クラウドサービス", "スマートフォン", "請求書のファイル",
    "管理者アカウント", "ルーター", "業務用の端末", "社内ネットワーク",
    "印刷した書類", "来客用の Wi-Fi",
};

static const char *const actors[] = {
    "従業員", "経営者", "担当者", "委託先", "新しく入った人", "アルバイト",
    "情報システム担当", "全員",
};

static const char *const predicates[] = {
    "は定期的に見直してください。",
    "を持ち出すときは必ず暗号化します。",
    "の設定を月に一度は確認しましょう。",
    "が失われた場合に備えて手順を決めておきます。",
    "を使い回すと、一つの漏えいが全体に広がります。",
    "は最新の状態に保つことが基本です。",
    "の扱いについて社内で話し合ってください。",
    "を共有する範囲は必要最小限にします。",
    "に不審な点があれば、すぐに報告します。",
    "の管理台帳を作り、持ち主をはっきりさせます。",
    "は鍵のかかる場所に保管してください。",
    "を廃棄するときは、データを完全に消去します。",
};

static const char *const connectives[] = {
    "まず、", "次に、", "また、", "特に、", "例えば、", "そのうえで、", "", "",
    "", "なお、",
};

static const char *const ascii_words[] = {
    "HTTPS", "TLS 1.3", "VPN", "OS", "2FA", "PDF", "ID", "IPA", "SSID",
    "WPA3", "DNS", "SMTP", "Windows Update", "macOS", "Android", "iOS",
    "Excel", "QR code", "PIN", "Bluetooth",
};

static const char *const heading_words[] = {
    "基本の考え方", "よくある失敗", "確認の手順", "具体的な対策", "社内での取り組み",
    "事故が起きたとき", "点検のポイント", "チェックリスト", "導入の進め方",
    "費用と効果", "設定の例", "まとめ",
};

static const char *const title_words[] = {
    "パスワード管理", "メールの安全な使い方", "端末の紛失対策", "無線LANの設定",
    "バックアップ", "ウイルス対策", "アクセス権限", "委託先の管理",
    "クラウドの利用", "事務所の入退室", "書類の廃棄", "標的型攻撃メール",
    "ランサムウェア", "SNS の注意点", "テレワーク", "インシデント対応",
};

static const char *const section_titles[MAXSECTIONS] = {
    "基本的対策", "従業員の対策", "組織の対策", "パスワード", "メール",
    "端末と機器", "ネットワーク", "クラウド", "事故対応", "資料集",
};

static const char *const code_langs[] = {"sh", "c", "yaml", "text", "python"};

static const char *const code_lines[] = {
    "ssh-keygen -t ed25519 -C \"admin@example.jp\"",
    "chmod 600 ~/.ssh/id_ed25519",
    "tar czf backup-$(date +%F).tar.gz /srv/share",
    "if (len > MAX_LEN) return -1; /* 長すぎる入力 */",
    "password_min_length: 12",
    "for host in $(cat hosts.txt); do ping -c1 \"$host\"; done",
    "# 毎日 2:00 にバックアップを取る",
    "0 2 * * * /usr/local/bin/backup.sh",
    "rsync -a --delete /srv/share/ /mnt/backup/share/",
    "print(\"更新が必要な端末:\", count)",
    "allow: [\"192.168.0.0/24\"]",
    "openssl s_client -connect example.jp:443 < /dev/null",
};

/* ---- text generation -------------------------------------------------- */

/* One Japanese sentence, sometimes with an ASCII word, a number, inline
 * code or emphasis.  Appended without a trailing newline. */
static void sentence(struct buf *b)
{
    bputs(b, PICK(connectives));
    switch (rnd(8)) {
    case 0:
        bprintf(b, "%sが使う", PICK(actors));
        break;
    case 1:
        bprintf(b, "%s 対応の", PICK(ascii_words));
        break;
    case 2:
        bprintf(b, "%u 台以上の", rnd_range(2, 120));
        break;
    default:
        break;
    }
    switch (rnd(10)) {
    case 0:
        bprintf(b, "**%s**", PICK(nouns));
        break;
    case 1:
        bprintf(b, "*%s*", PICK(nouns));
        break;
    default:
        bputs(b, PICK(nouns));
        break;
    }
    bputs(b, PICK(predicates));
    switch (rnd(7)) {
    case 0:
        bprintf(b, "設定項目は `%s` です。", rnd(2) ? "auto_update" : "max_retry");
        break;
    case 1:
        bprintf(b, "目安は %u%% 程度です。", rnd_range(5, 95));
        break;
    case 2:
        bprintf(b, "詳しくは %s の資料を見てください。", PICK(ascii_words));
        break;
    default:
        break;
    }
}

/* A paragraph: one sentence a line (soft breaks between Japanese). */
static void paragraph(struct buf *b, unsigned nsent)
{
    for (unsigned i = 0; i < nsent; i++) {
        sentence(b);
        bputs(b, "\n");
    }
    bputs(b, "\n");
}

static void bullet_list(struct buf *b)
{
    unsigned n = rnd_range(3, 5);
    for (unsigned i = 0; i < n; i++) {
        if (rnd(3) == 0)
            bprintf(b, "- %s と %s\n", PICK(nouns), PICK(ascii_words));
        else
            bprintf(b, "- %s%s\n", PICK(nouns), PICK(predicates));
    }
    bputs(b, "\n");
}

static void ordered_list(struct buf *b)
{
    unsigned n = rnd_range(3, 5);
    for (unsigned i = 0; i < n; i++)
        bprintf(b, "%u. %s%s（担当: %s）\n", i + 1, PICK(nouns),
                PICK(predicates), PICK(actors));
    bputs(b, "\n");
}

static void table(struct buf *b)
{
    static const char *const status[] = {"実施している", "一部実施している",
                                         "実施していない", "わからない"};
    unsigned n = rnd_range(3, 5);
    bputs(b, "| 項目 | 担当 | 状況 | 点数 |\n|---|---|---|---:|\n");
    for (unsigned i = 0; i < n; i++)
        bprintf(b, "| %s | %s | %s | %u |\n", PICK(nouns), PICK(actors),
                PICK(status), rnd(5));
    bputs(b, "\n");
}

static void code_block(struct buf *b)
{
    unsigned n = rnd_range(3, 6);
    bprintf(b, "```%s\n", PICK(code_langs));
    for (unsigned i = 0; i < n; i++) {
        bputs(b, PICK(code_lines));
        bputs(b, "\n");
    }
    bputs(b, "```\n\n");
}

static void page_body(struct buf *b, int large)
{
    paragraph(b, rnd_range(2, 3));
    if (large) {
        bprintf(b, "## %s\n\n", PICK(heading_words));
        paragraph(b, rnd_range(3, 5));
        table(b);
        bullet_list(b);
        code_block(b);
    }

    bprintf(b, "## %s\n\n", PICK(heading_words));
    paragraph(b, rnd_range(2, 4));
    bullet_list(b);

    bprintf(b, "## %s\n\n", PICK(heading_words));
    paragraph(b, rnd_range(2, 4));
    ordered_list(b);
    table(b);

    bprintf(b, "## %s\n\n", PICK(heading_words));
    paragraph(b, rnd_range(1, 3));
    code_block(b);
    paragraph(b, rnd_range(1, 2));
}

/* Front matter shared by all projects: `weight` is the order for Hugo
 * and for tebiki (which also calls it `order`). */
static void front_matter(struct buf *b, unsigned idx, unsigned order)
{
    unsigned t1 = rnd(NTAGS), t2 = rnd(NTAGS - 1);
    if (t2 >= t1)
        t2++;
    bprintf(b,
            "---\n"
            "title: \"%s その%u (%05u)\"\n"
            "weight: %u\n"
            "tags: [t%02u, t%02u]\n"
            "summary: \"%sについて、%sが確認すべきことをまとめます。\"\n"
            "---\n\n",
            PICK(title_words), rnd_range(1, 9), idx, order, t1, t2,
            PICK(title_words), PICK(actors));
}

/* ---- layouts ---------------------------------------------------------- */

static const char tebiki_site[] =
    "title: bench\n"
    "theme: min\n"
    "language: ja\n";

/* the default theme: no theme: line, a menu for its header */
static const char tebiki_default_site[] =
    "title: bench\n"
    "language: ja\n"
    "menu:\n"
    "  - {title: 基本的対策, url: s00/index.html}\n"
    "  - {title: タグ, url: tags/index.html}\n";

static const char tebiki_base[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"ja\">\n"
    "<head><meta charset=\"utf-8\"><title><%= page.title %> - <%= site.title %></title></head>\n"
    "<body>\n"
    "<%- body %>\n"
    "</body>\n"
    "</html>\n";

static const char tebiki_page[] =
    "<% layout(\"base.html\") %>\n"
    "<h1><%= page.title %></h1>\n"
    "<%- page.content %>\n";

static const char tebiki_list[] = /* section.html, term.html */
    "<% layout(\"base.html\") %>\n"
    "<h1><%= page.title %></h1>\n"
    "<%- page.content %>\n"
    "<ul>\n"
    "<% for _, p in ipairs(page.pages or {}) do %><li><a href=\"<%= url(p) %>\"><%= p.title %></a></li>\n"
    "<% end %></ul>\n";

static const char tebiki_home[] =
    "<% layout(\"base.html\") %>\n"
    "<h1><%= site.title %></h1>\n"
    "<%- page.content %>\n"
    "<ul>\n"
    "<% for _, s in ipairs(site.sections) do %><li><a href=\"<%= url(s) %>\"><%= s.title %></a></li>\n"
    "<% end %></ul>\n";

static const char tebiki_taxonomy[] =
    "<% layout(\"base.html\") %>\n"
    "<h1><%= page.title %></h1>\n"
    "<% local terms = type(page.taxonomy) == \"table\" and page.taxonomy.terms or page.pages or {} %>\n"
    "<ul>\n"
    "<% for _, t in ipairs(terms) do %><li><a href=\"<%= url(t) %>\"><%= t.title or t.name %></a></li>\n"
    "<% end %></ul>\n";

static const char tebiki_404[] =
    "<% layout(\"base.html\") %>\n"
    "<h1>404</h1>\n"
    "<p>ページが見つかりません。</p>\n";

static const char tebiki_downloads[] =
    "<% layout(\"base.html\") %>\n"
    "<h1><%= page.title %></h1>\n";

static const char hugo_config[] =
    "baseURL = \"https://example.jp/\"\n"
    "title = \"bench\"\n"
    "languageCode = \"ja\"\n"
    "defaultContentLanguage = \"ja\"\n"
    "hasCJKLanguage = true\n"
    "relativeURLs = true\n"
    "uglyURLs = true\n"
    "disableKinds = [\"RSS\", \"sitemap\"]\n"
    "\n"
    "[taxonomies]\n"
    "  tag = \"tags\"\n"
    "\n"
    "[markup.goldmark.renderer]\n"
    "  unsafe = false\n"
    "\n"
    "# What cmark-gfm does for tebiki: tables, strikethrough, autolinks,\n"
    "# task lists; no typographer, footnotes or definition lists.\n"
    "[markup.goldmark.extensions]\n"
    "  table = true\n"
    "  strikethrough = true\n"
    "  linkify = true\n"
    "  taskList = true\n"
    "  typographer = false\n"
    "  footnote = false\n"
    "  definitionList = false\n";

static const char hugo_baseof[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"ja\">\n"
    "<head><meta charset=\"utf-8\"><title>{{ .Title }} - {{ .Site.Title }}</title></head>\n"
    "<body>\n"
    "{{ block \"main\" . }}{{ end }}\n"
    "</body>\n"
    "</html>\n";

static const char hugo_single[] =
    "{{ define \"main\" }}\n"
    "<h1>{{ .Title }}</h1>\n"
    "{{ .Content }}\n"
    "{{ end }}\n";

static const char hugo_list[] = /* sections; term pages via taxonomy.html */
    "{{ define \"main\" }}\n"
    "<h1>{{ .Title }}</h1>\n"
    "{{ .Content }}\n"
    "<ul>\n"
    "{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>\n"
    "{{ end }}</ul>\n"
    "{{ end }}\n";

static const char hugo_terms[] =
    "{{ define \"main\" }}\n"
    "<h1>{{ .Title }}</h1>\n"
    "<ul>\n"
    "{{ range .Data.Terms.Alphabetical }}<li><a href=\"{{ .Page.RelPermalink }}\">{{ .Page.Title }}</a></li>\n"
    "{{ end }}</ul>\n"
    "{{ end }}\n";

static const char hugo_index[] =
    "{{ define \"main\" }}\n"
    "<h1>{{ .Site.Title }}</h1>\n"
    "{{ .Content }}\n"
    "<ul>\n"
    "{{ range .Site.Sections }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>\n"
    "{{ end }}</ul>\n"
    "{{ end }}\n";

static const char hugo_404[] =
    "{{ define \"main\" }}\n"
    "<h1>404</h1>\n"
    "<p>ページが見つかりません。</p>\n"
    "{{ end }}\n";

/* ---- main ------------------------------------------------------------- */

static void join(char *out, size_t n, const char *a, const char *b)
{
    int r = snprintf(out, n, "%s/%s", a, b);
    if (r < 0 || (size_t)r >= n)
        die("path too long");
}

/* write_all: TEXT at REL under each project folder */
static void write_all(char *const *dirs, const char *rel, const char *text, size_t len)
{
    char p[4096];
    for (unsigned d = 0; dirs[d]; d++) {
        join(p, sizeof p, dirs[d], rel);
        write_file(p, text, len);
    }
}

static void mkdir_all(char *const *dirs, const char *rel)
{
    char p[4096];
    for (unsigned d = 0; dirs[d]; d++) {
        join(p, sizeof p, dirs[d], rel);
        mkdir_p(p);
    }
}

static void usage(void)
{
    fprintf(stderr, "usage: gencorpus [-s SECTIONS] [-l] N DIR\n");
    exit(2);
}

int main(int argc, char **argv)
{
    unsigned nsections = MAXSECTIONS;
    int large = 0, a = 1;
    for (; a < argc && argv[a][0] == '-'; a++) {
        if (!strcmp(argv[a], "-l")) {
            large = 1;
        } else if (!strcmp(argv[a], "-s") && a + 1 < argc) {
            char *e;
            long v = strtol(argv[++a], &e, 10);
            if (*e || v < 1 || v > MAXSECTIONS)
                die("SECTIONS must be 1..%d", MAXSECTIONS);
            nsections = (unsigned)v;
        } else {
            usage();
        }
    }
    if (argc - a != 2)
        usage();
    char *end;
    errno = 0;
    long nl = strtol(argv[a], &end, 10);
    if (errno || *end || nl < 1 || nl > 99999) {
        fprintf(stderr, "gencorpus: N must be 1..99999\n");
        return 2;
    }
    unsigned n = (unsigned)nl;
    const char *dir = argv[a + 1];

    char teb[4096], def[4096], hugo[4096], p[4096];
    join(teb, sizeof teb, dir, "tebiki");
    join(def, sizeof def, dir, "tebiki-default");
    join(hugo, sizeof hugo, dir, "hugo");
    char *const all[] = {teb, def, hugo, NULL};

    /* tebiki project skeletons */
    join(p, sizeof p, teb, "themes/min/templates");
    mkdir_p(p);
    write_str(teb, "site.yaml", tebiki_site);
    write_str(p, "base.html", tebiki_base);
    write_str(p, "page.html", tebiki_page);
    write_str(p, "section.html", tebiki_list);
    write_str(p, "term.html", tebiki_list);
    write_str(p, "home.html", tebiki_home);
    write_str(p, "taxonomy.html", tebiki_taxonomy);
    write_str(p, "404.html", tebiki_404);
    write_str(p, "downloads.html", tebiki_downloads);
    mkdir_p(def);
    write_str(def, "site.yaml", tebiki_default_site);

    /* Hugo project skeleton */
    join(p, sizeof p, hugo, "layouts/_default");
    mkdir_p(p);
    write_str(hugo, "config.toml", hugo_config);
    write_str(p, "baseof.html", hugo_baseof);
    write_str(p, "single.html", hugo_single);
    write_str(p, "list.html", hugo_list);
    write_str(p, "terms.html", hugo_terms);
    write_str(p, "taxonomy.html", hugo_list);
    join(p, sizeof p, hugo, "layouts");
    write_str(p, "index.html", hugo_index);
    write_str(p, "404.html", hugo_404);

    struct buf b = {0};
    char rel[64];

    /* home and section index pages */
    bputs(&b, "---\ntitle: \"bench\"\n---\n\nベンチマーク用の *サイト* です。\n");
    mkdir_all(all, "content");
    write_all(all, "content/_index.md", b.p, b.len);
    for (unsigned s = 0; s < nsections; s++) {
        b.len = 0;
        bprintf(&b, "---\ntitle: \"%s\"\nweight: %u\n---\n\n",
                section_titles[s], s + 1);
        paragraph(&b, 2);
        snprintf(rel, sizeof rel, "content/s%02u", s);
        mkdir_all(all, rel);
        snprintf(rel, sizeof rel, "content/s%02u/_index.md", s);
        write_all(all, rel, b.p, b.len);
    }

    /* the pages: page i goes to section i % nsections */
    size_t total = 0;
    for (unsigned i = 0; i < n; i++) {
        b.len = 0;
        front_matter(&b, i, i / nsections + 1);
        page_body(&b, large);
        total += b.len;
        snprintf(rel, sizeof rel, "content/s%02u/p%05u.md", i % nsections, i);
        write_all(all, rel, b.p, b.len);
    }
    free(b.p);
    fprintf(stderr, "gencorpus: %u pages in %u sections, %.1f KB a page on average\n",
            n, nsections, (double)total / n / 1024.0);
    return 0;
}
