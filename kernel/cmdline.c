/* Boot command line parsing. */
#include "cmdline.h"
#include "string.h"

static char cmdline[256];

void cmdline_init(const char *line)
{
	size_t n = strnlen(line, sizeof(cmdline) - 1);

	memcpy(cmdline, line, n);
	cmdline[n] = '\0';
}

const char *cmdline_get(void)
{
	return cmdline;
}

/* The last space-separated word that match() accepts: later words override earlier ones. */
static const char *find_word(bool (*match)(const char *w, size_t len, const char *arg),
			     const char *arg, size_t *len_out)
{
	const char *found = NULL;

	for (const char *p = cmdline; *p;) {
		while (*p == ' ')
			p++;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		if (p > w && match(w, (size_t)(p - w), arg)) {
			*len_out = (size_t)(p - w);
			found = w;
		}
	}
	return found;
}

static bool match_key(const char *w, size_t len, const char *key)
{
	size_t k = strlen(key);

	return len > k && !strncmp(w, key, k) && w[k] == '=';
}

static bool match_flag(const char *w, size_t len, const char *flag)
{
	return len == strlen(flag) && !strncmp(w, flag, len);
}

bool cmdline_value(const char *key, char *buf, size_t size)
{
	size_t len = 0, k = strlen(key);
	const char *w = find_word(match_key, key, &len);

	if (!w || !size)
		return false;
	len -= k + 1;
	if (len >= size)
		len = size - 1;
	memcpy(buf, w + k + 1, len);
	buf[len] = '\0';
	return true;
}

bool cmdline_flag(const char *word)
{
	size_t len = 0;

	return find_word(match_flag, word, &len) != NULL;
}

bool parse_size(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	if (*s < '0' || *s > '9')
		return false;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > 0xffffffffull)
			return false;
	}
	switch (*s) {
	case 'K':
	case 'k':
		v <<= 10;
		s++;
		break;
	case 'M':
	case 'm':
		v <<= 20;
		s++;
		break;
	case 'G':
	case 'g':
		v <<= 30;
		s++;
		break;
	}
	if (*s || v > 0xffffffffull)
		return false;
	*out = v;
	return true;
}
