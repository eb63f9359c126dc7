/* koppel-sandbox — placeholder until the sandbox issue lands. */
#include <stdio.h>
int main(void)
{
	fputs("koppel-sandbox: not built yet\n", stderr);
	return 2;
}
