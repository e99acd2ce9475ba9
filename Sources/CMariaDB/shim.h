#ifndef KEYDOCS_CMARIADB_SHIM_H
#define KEYDOCS_CMARIADB_SHIM_H

#include <mysql.h>

#endif
