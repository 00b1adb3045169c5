<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es">
<context>
    <name>AccountPanel</name>
    <message>
        <location filename="../account_panel.py" line="97" />
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="97" />
        <source>Bill date</source>
        <translation>Fecha de factura</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="97" />
        <source>Billed</source>
        <translation>Facturado</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="97" />
        <source>Open</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="99" />
        <source>Receipt</source>
        <translation>Recibo</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="99" />
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="99" />
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="99" />
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="100" />
        <source>CASH ONLY</source>
        <translation>SOLO EFECTIVO</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="101" />
        <source>&amp;Pay on account (Enter adds to cart)</source>
        <translation>&amp;Pagar a la cuenta (Intro la añade)</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="102" />
        <source>Amount to pay on account</source>
        <translation>Importe a pagar a la cuenta</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="108" />
        <source>No account selected</source>
        <translation>Ninguna cuenta seleccionada</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="122" />
        <source>Loading %1…</source>
        <translation>Cargando %1…</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="153" />
        <source>Open charges %1</source>
        <translation>Cargos pendientes %1</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="155" />
        <source>Credit %1</source>
        <translation>Crédito %1</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="156" />
        <source>Balance due %1</source>
        <translation>Saldo pendiente %1</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="157" />
        <source>Paid up</source>
        <translation>Al corriente</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="164" />
        <source>payment amount</source>
        <translation>importe del pago</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../approval.py" line="45" />
        <source>Approver user id</source>
        <translation>Usuario del aprobador</translation>
    </message>
    <message>
        <location filename="../approval.py" line="48" />
        <source>Approver PIN</source>
        <translation>PIN del aprobador</translation>
    </message>
    <message>
        <location filename="../approval.py" line="50" />
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../approval.py" line="52" />
        <source>User id</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../approval.py" line="53" />
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../approval.py" line="59" />
        <source>Approve</source>
        <translation>Aprobar</translation>
    </message>
</context>
<context>
    <name>CardDialog</name>
    <message>
        <location filename="../card_dialog.py" line="43" />
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="44" />
        <source>Card payment</source>
        <translation>Pago con tarjeta</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="49" />
        <source>Waiting for the card terminal</source>
        <translation>Esperando al terminal de tarjetas</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="51" />
        <source>Ask the terminal again (Enter)</source>
        <translation>Preguntar de nuevo al terminal (Intro)</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="52" />
        <source>Ask the terminal again</source>
        <translation>Preguntar de nuevo al terminal</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="54" />
        <location filename="../card_dialog.py" line="124" />
        <source>Cancel (Esc)</source>
        <translation>Cancelar (Esc)</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="55" />
        <source>Cancel card payment</source>
        <translation>Cancelar pago con tarjeta</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="74" />
        <source>An earlier card payment's outcome is unknown.</source>
        <translation>Se desconoce el resultado de un pago anterior con tarjeta.</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="76" />
        <source>Card %1: the customer follows the terminal</source>
        <translation>Tarjeta %1: el cliente sigue las indicaciones del terminal</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="91" />
        <source>Asking the terminal about %1…</source>
        <translation>Preguntando al terminal por %1…</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="99" />
        <source>The terminal never received it: not charged.</source>
        <translation>El terminal nunca lo recibió: no se cobró.</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="129" />
        <source>Card outcome unknown: ask the terminal before any other tender</source>
        <translation>Resultado de tarjeta desconocido: pregunte al terminal antes de otra forma de pago</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="136" />
        <source>Later (Esc)</source>
        <translation>Más tarde (Esc)</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="143" />
        <source>Close (Esc)</source>
        <translation>Cerrar (Esc)</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="159" />
        <source>Cancel sent; waiting for the terminal's answer…</source>
        <translation>Cancelación enviada; esperando la respuesta del terminal…</translation>
    </message>
</context>
<context>
    <name>CartPanel</name>
    <message>
        <location filename="../cart.py" line="216" />
        <source>Lines</source>
        <translation>Líneas</translation>
    </message>
    <message>
        <location filename="../cart.py" line="217" />
        <source>Tenders</source>
        <translation>Formas de pago</translation>
    </message>
    <message>
        <location filename="../cart.py" line="218" />
        <source>Sale lines</source>
        <translation>Líneas de la venta</translation>
    </message>
    <message>
        <location filename="../cart.py" line="219" />
        <source>Tenders taken</source>
        <translation>Formas de pago recibidas</translation>
    </message>
    <message>
        <location filename="../cart.py" line="221" />
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <location filename="../cart.py" line="221" />
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <location filename="../cart.py" line="221" />
        <source>Qty</source>
        <translation>Cant.</translation>
    </message>
    <message>
        <location filename="../cart.py" line="221" />
        <location filename="../cart.py" line="223" />
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location filename="../cart.py" line="223" />
        <source>Tender</source>
        <translation>Forma de pago</translation>
    </message>
    <message>
        <location filename="../cart.py" line="223" />
        <source>Detail</source>
        <translation>Detalle</translation>
    </message>
    <message>
        <location filename="../cart.py" line="234" />
        <source>Cash</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <location filename="../cart.py" line="234" />
        <source>Check</source>
        <translation>Cheque</translation>
    </message>
    <message>
        <location filename="../cart.py" line="235" />
        <source>Money order</source>
        <translation>Giro postal</translation>
    </message>
    <message>
        <location filename="../cart.py" line="235" />
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <location filename="../tender_dialogs.py" line="77" />
        <source>Check</source>
        <translation>Cheque</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="79" />
        <source>Check &amp;number</source>
        <translation>&amp;Número de cheque</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="79" />
        <source>Check number</source>
        <translation>Número de cheque</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="80" />
        <source>&amp;Routing (ABA)</source>
        <translation>&amp;Ruta bancaria (ABA)</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="80" />
        <source>Routing number</source>
        <translation>Número de ruta bancaria</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="81" />
        <source>Bank &amp;account</source>
        <translation>&amp;Cuenta bancaria</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="81" />
        <source>Bank account</source>
        <translation>Cuenta bancaria</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="82" />
        <source>Read MICR (F4)</source>
        <translation>Leer MICR (F4)</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="83" />
        <source>Read MICR</source>
        <translation>Leer MICR</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="91" />
        <source>Insert the check in the MICR reader…</source>
        <translation>Inserte el cheque en el lector MICR…</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="103" />
        <source>Read from the MICR line.</source>
        <translation>Leído de la línea MICR.</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <location filename="../close_dialog.py" line="89" />
        <source>Close drawer</source>
        <translation>Cerrar caja</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="90" />
        <source>Count everything in the drawer. What was expected is shown only after you submit the count (blind close).</source>
        <translation>Cuente todo lo que hay en la caja. Lo esperado se muestra solo después de enviar el conteo (cierre ciego).</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="92" />
        <source>Submit count</source>
        <translation>Enviar conteo</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="104" />
        <location filename="../close_dialog.py" line="136" />
        <source>Checks</source>
        <translation>Cheques</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="105" />
        <location filename="../close_dialog.py" line="136" />
        <source>Money orders</source>
        <translation>Giros postales</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="107" />
        <source>Card batch total</source>
        <translation>Total del lote de tarjetas</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="108" />
        <source>Card batch from terminal (F6)</source>
        <translation>Lote de tarjetas del terminal (F6)</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="109" />
        <source>Card batch from terminal</source>
        <translation>Lote de tarjetas del terminal</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="118" />
        <source>Card batch</source>
        <translation>Lote de tarjetas</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="132" />
        <source>Close result</source>
        <translation>Resultado del cierre</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="134" />
        <source>Counted</source>
        <translation>Contado</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="134" />
        <source>Expected</source>
        <translation>Esperado</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="134" />
        <source>Over/short</source>
        <translation>Sobrante/faltante</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="136" />
        <source>Cash</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="136" />
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="137" />
        <source>Recount once (F7)</source>
        <translation>Recontar una vez (F7)</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="138" />
        <source>Recount</source>
        <translation>Recontar</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="152" />
        <source>Asking the terminal for its batch…</source>
        <translation>Pidiendo el lote al terminal…</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="168" />
        <source>card batch total</source>
        <translation>total del lote de tarjetas</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="199" />
        <source>Drawer %1 counted. A supervisor approves the close; any over/short needs a note.</source>
        <translation>Caja %1 contada. Un supervisor aprueba el cierre; todo sobrante o faltante necesita una nota.</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="201" />
        <source>Supervisor approval (Ctrl+Enter)</source>
        <translation>Aprobación del supervisor (Ctrl+Intro)</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="202" />
        <location filename="../close_dialog.py" line="217" />
        <source>Supervisor approval</source>
        <translation>Aprobación del supervisor</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="210" />
        <source>Submit recount (Ctrl+Enter)</source>
        <translation>Enviar reconteo (Ctrl+Intro)</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="218" />
        <source>Approve the close of drawer %1.</source>
        <translation>Aprobar el cierre de la caja %1.</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="220" />
        <source>Note (needed for any over/short)</source>
        <translation>Nota (necesaria si hay sobrante o faltante)</translation>
    </message>
</context>
<context>
    <name>CountGrid</name>
    <message>
        <location filename="../count_grid.py" line="100" />
        <source>Notes</source>
        <translation>Billetes</translation>
    </message>
    <message>
        <location filename="../count_grid.py" line="100" />
        <source>Coins</source>
        <translation>Monedas</translation>
    </message>
    <message>
        <location filename="../count_grid.py" line="100" />
        <source>Rolled coin</source>
        <translation>Monedas en rollo</translation>
    </message>
    <message>
        <location filename="../count_grid.py" line="105" />
        <source>Count of %1</source>
        <translation>Cantidad de %1</translation>
    </message>
    <message>
        <location filename="../count_grid.py" line="106" />
        <source>Import coin sorter (F4)</source>
        <translation>Importar clasificadora de monedas (F4)</translation>
    </message>
    <message>
        <location filename="../count_grid.py" line="107" />
        <source>Import coin sorter</source>
        <translation>Importar clasificadora de monedas</translation>
    </message>
    <message>
        <location filename="../count_grid.py" line="133" />
        <source>Total %1</source>
        <translation>Total %1</translation>
    </message>
    <message>
        <location filename="../count_grid.py" line="155" />
        <source>Waiting for the coin sorter's report…</source>
        <translation>Esperando el informe de la clasificadora de monedas…</translation>
    </message>
    <message>
        <location filename="../count_grid.py" line="173" />
        <source>Coin sorter batch%1: %2 imported</source>
        <translation>Lote de la clasificadora%1: %2 importado</translation>
    </message>
</context>
<context>
    <name>DeviceJobs</name>
    <message>
        <location filename="../device_jobs.py" line="97" />
        <source>Cash drawer did not open: %1</source>
        <translation>La caja no se abrió: %1</translation>
    </message>
</context>
<context>
    <name>Dialog</name>
    <message>
        <location filename="../keys.py" line="61" />
        <source>Cancel (Esc)</source>
        <translation>Cancelar (Esc)</translation>
    </message>
    <message>
        <location filename="../keys.py" line="62" />
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message>
        <location filename="../close_dialog.py" line="42" />
        <source>%1 number</source>
        <translation>Número de %1</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="43" />
        <source>number</source>
        <translation>número</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="45" />
        <source>%1 amount</source>
        <translation>Importe de %1</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="46" />
        <source>amount, Enter adds</source>
        <translation>importe, Intro añade</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="67" />
        <source>amount of %1</source>
        <translation>importe de %1</translation>
    </message>
</context>
<context>
    <name>DrawerActions</name>
    <message>
        <location filename="../drawer_actions.py" line="25" />
        <source>Void a receipt</source>
        <translation>Anular un recibo</translation>
    </message>
    <message>
        <location filename="../drawer_actions.py" line="26" />
        <source>No sale (open drawer)</source>
        <translation>Sin venta (abrir caja)</translation>
    </message>
    <message>
        <location filename="../drawer_actions.py" line="27" />
        <source>Cash drop</source>
        <translation>Retiro de efectivo</translation>
    </message>
    <message>
        <location filename="../drawer_actions.py" line="28" />
        <source>Paid-out</source>
        <translation>Pago de caja</translation>
    </message>
    <message>
        <location filename="../drawer_actions.py" line="29" />
        <source>Close drawer</source>
        <translation>Cerrar caja</translation>
    </message>
    <message>
        <location filename="../drawer_actions.py" line="59" />
        <source>&amp;Drawer</source>
        <translation>&amp;Caja</translation>
    </message>
    <message>
        <location filename="../drawer_actions.py" line="89" />
        <source>Receipt %1 voided.</source>
        <translation>Recibo %1 anulado.</translation>
    </message>
    <message>
        <location filename="../drawer_actions.py" line="98" />
        <source>Dropped %1.</source>
        <translation>Retirado %1.</translation>
    </message>
    <message>
        <location filename="../drawer_actions.py" line="103" />
        <source>Paid out %1.</source>
        <translation>Pagado %1.</translation>
    </message>
</context>
<context>
    <name>DropDialog</name>
    <message>
        <location filename="../drawer_dialogs.py" line="91" />
        <source>Cash drop</source>
        <translation>Retiro de efectivo</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="92" />
        <source>Count the cash going to the safe; a second person witnesses (C8).</source>
        <translation>Cuente el efectivo que va a la caja fuerte; una segunda persona es testigo (C8).</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="93" />
        <source>Drop</source>
        <translation>Retirar</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="100" />
        <source>Witness</source>
        <translation>Testigo</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="101" />
        <source>Drop of %1: the witness counts it too.</source>
        <translation>Retiro de %1: el testigo también lo cuenta.</translation>
    </message>
</context>
<context>
    <name>ItemEntry</name>
    <message>
        <location filename="../cart.py" line="91" />
        <source>&amp;Item (F3)</source>
        <translation>&amp;Concepto (F3)</translation>
    </message>
    <message>
        <location filename="../cart.py" line="91" />
        <source>Qty</source>
        <translation>Cant.</translation>
    </message>
    <message>
        <location filename="../cart.py" line="92" />
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <location filename="../cart.py" line="92" />
        <location filename="../cart.py" line="98" />
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <location filename="../cart.py" line="95" />
        <source>Item code</source>
        <translation>Código de concepto</translation>
    </message>
    <message>
        <location filename="../cart.py" line="96" />
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <location filename="../cart.py" line="97" />
        <source>Keyed price</source>
        <translation>Precio tecleado</translation>
    </message>
    <message>
        <location filename="../cart.py" line="120" />
        <source>keyed</source>
        <translation>tecleado</translation>
    </message>
    <message>
        <location filename="../cart.py" line="121" />
        <source>needs %1</source>
        <translation>necesita %1</translation>
    </message>
    <message>
        <location filename="../cart.py" line="134" />
        <source>no item %1</source>
        <translation>no existe el concepto %1</translation>
    </message>
    <message>
        <location filename="../cart.py" line="159" />
        <source>quantity must be at least 1</source>
        <translation>la cantidad debe ser al menos 1</translation>
    </message>
    <message>
        <location filename="../cart.py" line="162" />
        <source>price of %1</source>
        <translation>precio de %1</translation>
    </message>
</context>
<context>
    <name>LookupPanel</name>
    <message>
        <location filename="../lookup.py" line="65" />
        <source>&amp;Find account (F2): number, name or address words, or scan</source>
        <translation>&amp;Buscar cuenta (F2): número, nombre o dirección, o escanear</translation>
    </message>
    <message>
        <location filename="../lookup.py" line="66" />
        <source>Find account</source>
        <translation>Buscar cuenta</translation>
    </message>
    <message>
        <location filename="../lookup.py" line="67" />
        <source>Accounts found</source>
        <translation>Cuentas encontradas</translation>
    </message>
    <message>
        <location filename="../lookup.py" line="68" />
        <source>Read stub scanner (F4)</source>
        <translation>Leer escáner de talones (F4)</translation>
    </message>
    <message>
        <location filename="../lookup.py" line="69" />
        <source>Read stub scanner</source>
        <translation>Leer escáner de talones</translation>
    </message>
    <message>
        <location filename="../lookup.py" line="102" />
        <source>No account matches.</source>
        <translation>Ninguna cuenta coincide.</translation>
    </message>
    <message>
        <location filename="../lookup.py" line="142" />
        <source>Scan the bill stub…</source>
        <translation>Escanee el talón de la factura…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="64" />
        <source>Cashier</source>
        <translation>Cajero</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="65" />
        <source>&amp;Session</source>
        <translation>&amp;Sesión</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="66" />
        <source>Lock screen</source>
        <translation>Bloquear pantalla</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="67" />
        <source>Español / English</source>
        <translation>English / Español</translation>
    </message>
</context>
<context>
    <name>MoneyOrderDialog</name>
    <message>
        <location filename="../tender_dialogs.py" line="116" />
        <source>Money order</source>
        <translation>Giro postal</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="117" />
        <source>Money order &amp;number</source>
        <translation>&amp;Número de giro postal</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="117" />
        <source>Money order number</source>
        <translation>Número de giro postal</translation>
    </message>
</context>
<context>
    <name>NoSaleDialog</name>
    <message>
        <location filename="../drawer_dialogs.py" line="71" />
        <source>No sale</source>
        <translation>Sin venta</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="72" />
        <source>Open the drawer without a sale: the reason is logged (C9).</source>
        <translation>Abrir la caja sin venta: el motivo queda registrado (C9).</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="73" />
        <source>Open drawer</source>
        <translation>Abrir caja</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="74" />
        <source>&amp;Reason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="74" />
        <source>No-sale reason</source>
        <translation>Motivo de apertura sin venta</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <location filename="../notice.py" line="17" />
        <source>Refused</source>
        <translation>Rechazado</translation>
    </message>
</context>
<context>
    <name>OpenDrawerScreen</name>
    <message>
        <location filename="../open_drawer.py" line="70" />
        <source>Open the drawer: count the float</source>
        <translation>Abrir la caja: cuente el fondo</translation>
    </message>
    <message>
        <location filename="../open_drawer.py" line="71" />
        <source>&amp;Drawer</source>
        <translation>&amp;Caja</translation>
    </message>
    <message>
        <location filename="../open_drawer.py" line="72" />
        <source>Drawer</source>
        <translation>Caja</translation>
    </message>
    <message>
        <location filename="../open_drawer.py" line="73" />
        <source>Open drawer (Ctrl+Enter)</source>
        <translation>Abrir caja (Ctrl+Intro)</translation>
    </message>
    <message>
        <location filename="../open_drawer.py" line="74" />
        <source>Open drawer</source>
        <translation>Abrir caja</translation>
    </message>
    <message>
        <location filename="../open_drawer.py" line="89" />
        <source>Every drawer of terminal %1 is open for someone else.</source>
        <translation>Todas las cajas del terminal %1 están abiertas por otra persona.</translation>
    </message>
    <message>
        <location filename="../open_drawer.py" line="97" />
        <source>Assigned float %1</source>
        <translation>Fondo asignado %1</translation>
    </message>
    <message>
        <location filename="../open_drawer.py" line="120" />
        <source>Supervisor override</source>
        <translation>Autorización del supervisor</translation>
    </message>
</context>
<context>
    <name>PaidOutDialog</name>
    <message>
        <location filename="../drawer_dialogs.py" line="117" />
        <source>Paid-out</source>
        <translation>Pago de caja</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="118" />
        <source>Cash paid out of the drawer, approved by a supervisor (C8).</source>
        <translation>Pago en efectivo desde la caja, aprobado por un supervisor (C8).</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="119" />
        <source>Pay out</source>
        <translation>Pagar</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="120" />
        <source>&amp;Amount</source>
        <translation>&amp;Importe</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="120" />
        <source>Paid-out amount</source>
        <translation>Importe del pago de caja</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="122" />
        <source>GL account</source>
        <translation>Cuenta contable</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="125" />
        <source>&amp;GL account</source>
        <translation>Cuenta &amp;contable</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="126" />
        <source>&amp;Reason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="126" />
        <source>Paid-out reason</source>
        <translation>Motivo del pago de caja</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="131" />
        <source>paid-out amount</source>
        <translation>importe del pago de caja</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="136" />
        <source>Supervisor approval</source>
        <translation>Aprobación del supervisor</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="137" />
        <source>Paid-out of %1: a supervisor approves.</source>
        <translation>Pago de caja de %1: lo aprueba un supervisor.</translation>
    </message>
</context>
<context>
    <name>PaymentScreen</name>
    <message>
        <location filename="../payment_screen.py" line="76" />
        <source>F2 Find account · F3 Item · F4 Scan stub · F5 Cash · F6 Check · F7 Money order · F8 Card · F9 Remove last · F12 Finish · Ctrl+N New sale · Ctrl+L Lock · Ctrl+Shift+V Void · Ctrl+Shift+O No sale · Ctrl+Shift+D Drop · Ctrl+Shift+P Paid-out · Ctrl+Shift+C Close drawer · Ctrl+R Retry device · Ctrl+Shift+E Español/English</source>
        <translation>F2 Buscar cuenta · F3 Concepto · F4 Escanear talón · F5 Efectivo · F6 Cheque · F7 Giro postal · F8 Tarjeta · F9 Quitar último · F12 Terminar · Ctrl+N Nueva venta · Ctrl+L Bloquear · Ctrl+Shift+V Anular · Ctrl+Shift+O Sin venta · Ctrl+Shift+D Retiro · Ctrl+Shift+P Pago de caja · Ctrl+Shift+C Cerrar caja · Ctrl+R Reintentar dispositivo · Ctrl+Shift+E English/Español</translation>
    </message>
    <message>
        <location filename="../payment_screen.py" line="118" />
        <source>A card charge is taken back only by cancelling the sale (Ctrl+N), which reverses it on the terminal.</source>
        <translation>Un cargo de tarjeta solo se deshace cancelando la venta (Ctrl+N), que lo revierte en el terminal.</translation>
    </message>
    <message>
        <location filename="../payment_screen.py" line="131" />
        <source>a card payment's outcome is unknown: press F8 to ask the terminal first</source>
        <translation>se desconoce el resultado de un pago con tarjeta: pulse F8 para preguntar primero al terminal</translation>
    </message>
    <message>
        <location filename="../payment_screen.py" line="134" />
        <source>Add a line first (F2 account, F3 item).</source>
        <translation>Primero añada una línea (F2 cuenta, F3 concepto).</translation>
    </message>
    <message>
        <location filename="../payment_screen.py" line="175" />
        <location filename="../payment_screen.py" line="200" />
        <source>A card payment's outcome is unknown: press F8.</source>
        <translation>Se desconoce el resultado de un pago con tarjeta: pulse F8.</translation>
    </message>
    <message>
        <location filename="../payment_screen.py" line="188" />
        <source>Receipt %1 posted.</source>
        <translation>Recibo %1 registrado.</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../sign_in.py" line="65" />
        <source>Locked: %1</source>
        <translation>Bloqueado: %1</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="67" />
        <source>Sign in again to go on. Another user may sign in; the sale in progress is kept for %1.</source>
        <translation>Inicie sesión de nuevo para seguir. Otro usuario puede iniciar sesión; la venta en curso se guarda para %1.</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="70" />
        <location filename="../sign_in.py" line="77" />
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="71" />
        <source>Your user id, Enter, then your PIN, Enter.</source>
        <translation>Su usuario, Intro, luego su PIN, Intro.</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="72" />
        <source>&amp;User id</source>
        <translation>&amp;Usuario</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="73" />
        <source>&amp;PIN</source>
        <translation>&amp;PIN</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="74" />
        <source>User id</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="75" />
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="76" />
        <source>Sign in (Enter)</source>
        <translation>Iniciar sesión (Intro)</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../status_bar.py" line="42" />
        <source>Retry device job</source>
        <translation>Reintentar trabajo del dispositivo</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="66" />
        <source>Retry (Ctrl+R)</source>
        <translation>Reintentar (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="67" />
        <source>Sync: local only</source>
        <translation>Sincronización: solo local</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="72" />
        <source>Cashier: %1</source>
        <translation>Cajero: %1</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="73" />
        <source>signed out</source>
        <translation>sin sesión</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="74" />
        <source>Drawer: %1</source>
        <translation>Caja: %1</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="74" />
        <source>not open</source>
        <translation>sin abrir</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="75" />
        <source>Terminal: %1</source>
        <translation>Terminal: %1</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="76" />
        <source>Business date: %1</source>
        <translation>Fecha contable: %1</translation>
    </message>
</context>
<context>
    <name>TenderDialog</name>
    <message>
        <location filename="../tender_dialogs.py" line="48" />
        <location filename="../tender_dialogs.py" line="49" />
        <source>Take tender</source>
        <translation>Aceptar pago</translation>
    </message>
</context>
<context>
    <name>TenderPanel</name>
    <message>
        <location filename="../tender_panel.py" line="75" />
        <source>Cash</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="75" />
        <source>Check</source>
        <translation>Cheque</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="76" />
        <source>Money order</source>
        <translation>Giro postal</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="76" />
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="80" />
        <source>&amp;Amount tendered (blank = amount due)</source>
        <translation>&amp;Importe entregado (vacío = importe debido)</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="81" />
        <source>Amount tendered</source>
        <translation>Importe entregado</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="82" />
        <source>F12  Finish and print receipt</source>
        <translation>F12  Terminar e imprimir recibo</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="83" />
        <source>Finish and print receipt</source>
        <translation>Terminar e imprimir recibo</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="84" />
        <source>Change due</source>
        <translation>Cambio a devolver</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="92" />
        <source>Total %1</source>
        <translation>Total %1</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="93" />
        <source>Tendered %1</source>
        <translation>Entregado %1</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="94" />
        <source>Due %1</source>
        <translation>Pendiente %1</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="103" />
        <source>Change %1</source>
        <translation>Cambio %1</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="110" />
        <source>amount tendered</source>
        <translation>importe entregado</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <location filename="../drawer_dialogs.py" line="26" />
        <source>Void a receipt</source>
        <translation>Anular un recibo</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="27" />
        <source>Pick the receipt, give the reason; a supervisor who did not take it approves.</source>
        <translation>Elija el recibo y el motivo; lo aprueba un supervisor que no lo cobró.</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="28" />
        <source>Void</source>
        <translation>Anular</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="30" />
        <source>Receipts of this drawer</source>
        <translation>Recibos de esta caja</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="38" />
        <source>&amp;Receipt</source>
        <translation>&amp;Recibo</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="39" />
        <source>R&amp;eason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="39" />
        <source>Void reason</source>
        <translation>Motivo de la anulación</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="46" />
        <source>There is no receipt to void in this drawer.</source>
        <translation>No hay ningún recibo que anular en esta caja.</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="49" />
        <source>a void needs a reason (C3)</source>
        <translation>una anulación necesita un motivo (C3)</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="53" />
        <source>Supervisor approval</source>
        <translation>Aprobación del supervisor</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="54" />
        <source>Void %1: a supervisor who did not take it approves.</source>
        <translation>Anular %1: lo aprueba un supervisor que no lo cobró.</translation>
    </message>
</context>
</TS>