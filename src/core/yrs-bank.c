/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-bank"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "yrs-bank.h"
#include "yrs-data-resources.h"

#define TABLE_PATH "/org/yorisoi/Yorisoi/core/zengin.tsv"
#define YUCHO_CODE "9900"

struct _YrsBank
{
  const char *code;
  const char *name;
  const char *kana;
  char       *key;        /* the kana folded for searching */
  GArray     *branches;   /* YrsBranch */
  GPtrArray  *branch_keys;
};

typedef struct
{
  GArray *banks;          /* YrsBank, in code order */
  char   *text;           /* the table, split in place; the strings point here */
  char   *source;
} Table;

/* Folds kana so that what a person types on the kana keypad meets the
 * table's spelling: hiragana to katakana, half-width to full-width (via
 * NFKC), small kana to large (the table writes キヨウ for きょう), every
 * long-vowel mark and hyphen to one, spaces dropped. */
static char *
fold (const char *text)
{
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  GString *out = g_string_new (NULL);
  static const struct { gunichar small, large; } smalls[] = {
    { 0x30A1, 0x30A2 }, { 0x30A3, 0x30A4 }, { 0x30A5, 0x30A6 }, { 0x30A7, 0x30A8 },
    { 0x30A9, 0x30AA }, { 0x30C3, 0x30C4 }, { 0x30E3, 0x30E4 }, { 0x30E5, 0x30E6 },
    { 0x30E7, 0x30E8 }, { 0x30EE, 0x30EF }, { 0x30F5, 0x30AB }, { 0x30F6, 0x30B1 },
  };

  if (nfkc == NULL)
    return g_string_free (out, FALSE);
  for (const char *p = nfkc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x30FB)
        continue;
      if (c >= 0x3041 && c <= 0x3096)
        c += 0x60;
      for (guint i = 0; i < G_N_ELEMENTS (smalls); i++)
        if (c == smalls[i].small)
          c = smalls[i].large;
      if (c == 0x30FC || c == '-' || c == 0x2212 || c == 0x2010 || c == 0x2015)
        c = 0x30FC;
      g_string_append_unichar (out, g_unichar_toupper (c));
    }
  return g_string_free (out, FALSE);
}

static gpointer
load_table (gpointer data)
{
  Table *table = g_new0 (Table, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resource_lookup_data (yrs_data_get_resource (), TABLE_PATH,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  YrsBank *bank = NULL;
  char *line, *next;

  table->banks = g_array_new (FALSE, TRUE, sizeof (YrsBank));
  if (bytes == NULL)
    {
      g_critical ("The bank table is missing: %s", error->message);
      table->source = g_strdup ("");
      return table;
    }
  table->text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  for (line = table->text; line != NULL && *line != '\0'; line = next)
    {
      char **fields;

      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';
      if (line[0] == '#')
        {
          if (table->source == NULL)
            table->source = g_strdup (g_strstrip (line + 1));
          continue;
        }
      fields = g_strsplit (line, "\t", 5);
      if (g_strv_length (fields) == 3 && fields[0][0] != '\0')
        {
          YrsBank new_bank = { 0 };

          /* Point into the table: the fields end where the tabs were. */
          new_bank.code = line;
          new_bank.name = line + strlen (fields[0]) + 1;
          new_bank.kana = new_bank.name + strlen (fields[1]) + 1;
          line[strlen (fields[0])] = '\0';
          ((char *) new_bank.name)[strlen (fields[1])] = '\0';
          new_bank.key = fold (new_bank.kana);
          new_bank.branches = g_array_new (FALSE, TRUE, sizeof (YrsBranch));
          new_bank.branch_keys = g_ptr_array_new_with_free_func (g_free);
          g_array_append_val (table->banks, new_bank);
          bank = &g_array_index (table->banks, YrsBank, table->banks->len - 1);
        }
      else if (g_strv_length (fields) == 4 && fields[0][0] == '\0' && bank != NULL)
        {
          YrsBranch branch;
          char *code = line + 1;

          branch.code = code;
          branch.name = code + strlen (fields[1]) + 1;
          branch.kana = branch.name + strlen (fields[2]) + 1;
          code[strlen (fields[1])] = '\0';
          ((char *) branch.name)[strlen (fields[2])] = '\0';
          g_array_append_val (bank->branches, branch);
          g_ptr_array_add (bank->branch_keys, fold (branch.kana));
        }
      g_strfreev (fields);
    }
  if (table->source == NULL)
    table->source = g_strdup ("");
  return table;
}

static Table *
get_table (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_table, NULL);
}

/* "0001", "０００１" -> "0001"; NULL unless `width` digits. */
static char *
digits_of (const char *code,
           guint       width)
{
  g_autofree char *nfkc = NULL;

  if (code == NULL)
    return NULL;
  nfkc = g_utf8_normalize (code, -1, G_NORMALIZE_NFKC);
  if (nfkc == NULL || strlen (g_strstrip (nfkc)) != width)
    return NULL;
  for (guint i = 0; i < width; i++)
    if (!g_ascii_isdigit (nfkc[i]))
      return NULL;
  return g_steal_pointer (&nfkc);
}

static int
compare_bank_code (gconstpointer key,
                   gconstpointer element)
{
  return strcmp (key, ((const YrsBank *) element)->code);
}

const YrsBank *
yrs_bank_lookup (const char *code)
{
  g_autofree char *digits = digits_of (code, 4);
  GArray *banks;

  if (digits == NULL)
    return NULL;
  banks = get_table ()->banks;
  return bsearch (digits, banks->data, banks->len, sizeof (YrsBank), compare_bank_code);
}

const char *
yrs_bank_get_code (const YrsBank *bank)
{
  g_return_val_if_fail (bank != NULL, NULL);
  return bank->code;
}

const char *
yrs_bank_get_name (const YrsBank *bank)
{
  g_return_val_if_fail (bank != NULL, NULL);
  return bank->name;
}

const char *
yrs_bank_get_kana (const YrsBank *bank)
{
  g_return_val_if_fail (bank != NULL, NULL);
  return bank->kana;
}

gboolean
yrs_bank_is_yucho (const YrsBank *bank)
{
  return bank != NULL && g_str_equal (bank->code, YUCHO_CODE);
}

const YrsBranch *
yrs_bank_lookup_branch (const YrsBank *bank,
                        const char    *code)
{
  g_autofree char *digits = digits_of (code, 3);

  g_return_val_if_fail (bank != NULL, NULL);
  if (digits == NULL)
    return NULL;
  for (guint i = 0; i < bank->branches->len; i++)
    if (g_str_equal (g_array_index (bank->branches, YrsBranch, i).code, digits))
      return &g_array_index (bank->branches, YrsBranch, i);
  return NULL;
}

/* What she types may name the kind of institution in full, as she
 * says it ("みずほぎんこう", "神戸信用金庫"), where the table leaves it
 * out (banks: みずほ) or shortens it (信金, 信組, 労金, 農協). */
static const struct { const char *full, *table; } kinds[] = {
  { "ギンコウ", "" }, { "銀行", "" },
  { "シンヨウキンコ", "シンキン" }, { "信用金庫", "信金" },
  { "シンヨウクミアイ", "シンクミ" }, { "信用組合", "信組" },
  { "ロウドウキンコ", "ロウキン" }, { "労働金庫", "労金" },
  { "ノウギヨウキヨウドウクミアイ", "ノウキヨウ" }, { "農業協同組合", "農協" },
};

static char *
shorten_kinds (char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strstr (text, kinds[i].full) != NULL)
      {
        g_auto(GStrv) parts = g_strsplit (text, kinds[i].full, -1);

        g_free (text);
        text = g_strjoinv (kinds[i].table, parts);
      }
  return text;
}

/* Those whose kana starts with the query first, then those whose kana
 * or name contains it: what she has typed so far is most often the
 * start of the name. */
static GPtrArray *
search (guint          n,
        const char  *(*key_of) (gconstpointer items, guint i),
        const char  *(*name_of) (gconstpointer items, guint i),
        gpointer     (*item_of) (gconstpointer items, guint i),
        gconstpointer  items,
        const char    *query,
        guint          limit)
{
  GPtrArray *found = g_ptr_array_new ();
  g_autofree char *key = query != NULL ? shorten_kinds (fold (query)) : NULL;
  g_autofree char *name = query != NULL ? g_utf8_normalize (query, -1, G_NORMALIZE_NFKC) : NULL;

  if (name != NULL)
    name = shorten_kinds (name);

  if (key == NULL || *key == '\0')
    return found;
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n && (limit == 0 || found->len < limit); i++)
      {
        const char *k = key_of (items, i);
        gboolean starts = g_str_has_prefix (k, key) || g_str_has_prefix (name_of (items, i), name);

        if ((pass == 0 && starts) ||
            (pass == 1 && !starts && (strstr (k, key) != NULL || strstr (name_of (items, i), name) != NULL)))
          g_ptr_array_add (found, item_of (items, i));
      }
  return found;
}

static const char *
bank_key (gconstpointer items, guint i)
{
  return g_array_index ((GArray *) items, YrsBank, i).key;
}

static const char *
bank_name (gconstpointer items, guint i)
{
  return g_array_index ((GArray *) items, YrsBank, i).name;
}

static gpointer
bank_item (gconstpointer items, guint i)
{
  return &g_array_index ((GArray *) items, YrsBank, i);
}

GPtrArray *
yrs_bank_search (const char *query,
                 guint       limit)
{
  GArray *banks = get_table ()->banks;

  return search (banks->len, bank_key, bank_name, bank_item, banks, query, limit);
}

static const char *
branch_key (gconstpointer items, guint i)
{
  return g_ptr_array_index (((const YrsBank *) items)->branch_keys, i);
}

static const char *
branch_name (gconstpointer items, guint i)
{
  return g_array_index (((const YrsBank *) items)->branches, YrsBranch, i).name;
}

static gpointer
branch_item (gconstpointer items, guint i)
{
  return &g_array_index (((const YrsBank *) items)->branches, YrsBranch, i);
}

GPtrArray *
yrs_bank_search_branches (const YrsBank *bank,
                          const char    *query,
                          guint          limit)
{
  g_return_val_if_fail (bank != NULL, NULL);

  return search (bank->branches->len, branch_key, branch_name, branch_item, bank, query, limit);
}

const char *
yrs_bank_get_source (void)
{
  return get_table ()->source;
}
